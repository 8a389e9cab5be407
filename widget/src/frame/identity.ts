import type { Identity } from '../shared/messages';
import { postJson } from './post';

export interface VerifiedIdentity {
  id: string | null;
  name: string | null;
  email: string | null;
  hash: string | null;
  /** Passed on as given: the server checks them against the site's declared attributes. */
  attributes?: unknown;
}

const field = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim() || null : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/**
 * What the host page passed to ChatWidget.identify, as strings (shops often use numeric ids),
 * or the warning to print when it cannot be used.
 */
export function readIdentity(identity: Identity): VerifiedIdentity | string {
  const checked = { id: field(identity.id), name: field(identity.name), email: field(identity.email), hash: field(identity.hash) };
  for (const key of ['id', 'name', 'email', 'hash'] as const) {
    if (identity[key] != null && checked[key] === null) {
      return `Chat: ChatWidget.identify ignored: ${key} must be a non-empty string.`;
    }
  }
  if (!checked.id && !checked.name && !checked.email) return 'Chat: ChatWidget.identify ignored: pass at least an id, a name or an email.';
  return { ...checked, attributes: identity.attributes };
}

export interface Identified {
  token: string;
  customerId: string;
  name: string;
  email: string | null;
  verified: boolean;
}

export type IdentifyResult =
  /** `warning` names attributes left out: not declared by the site, or of another type. */
  | { ok: true; visitor: Identified; warning?: string }
  /** `warning` is the sentence for the host page's developer; the visitor stays anonymous. */
  | { ok: false; warning: string; code: string | null };

/** Trades the host page's identity for a visitor token (POST /api/visitors/identify). */
export async function identifyVisitor(siteKey: string, token: string | null, identity: VerifiedIdentity): Promise<IdentifyResult> {
  try {
    const response = await postJson('/api/visitors/identify', { siteKey, token, ...identity });
    const body = await response.json().catch(() => ({}));
    const left = body.ignoredAttributes?.join(', ');
    if (response.ok) return { ok: true, visitor: body as Identified, warning: left && `Chat: ChatWidget.identify left out attributes: ${left}.` };
    const code = typeof body.code === 'string' ? body.code : null;
    return { ok: false, code, warning: `Chat: ChatWidget.identify was refused (${code ?? response.status}): ${body.detail ?? ''} The visitor stays anonymous.` };
  } catch {
    return { ok: false, code: null, warning: 'Chat: ChatWidget.identify could not reach the chat server; the visitor stays anonymous for now.' };
  }
}
