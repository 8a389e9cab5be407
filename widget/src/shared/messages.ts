import type { MessageView } from './views';

// The postMessage contract between the loader (host page) and the frame.
// Every type carries the `chat:` prefix so our traffic never collides with
// other scripts on the host page that also use postMessage.

export interface Identity {
  id?: unknown;
  name?: unknown;
  email?: unknown;
  hash?: unknown;
  /** Custom attributes the site declared: { plan: "pro", orders: 12 }. */
  attributes?: unknown;
}

export type LoaderToFrame =
  | { type: 'chat:open' }
  | { type: 'chat:close' }
  | { type: 'chat:identify'; identity: Identity }
  | { type: 'chat:locale'; locale: string }
  /** The host page the visitor is on; sent at start and whenever its URL changes. */
  | { type: 'chat:page'; url: string; title: string }
  /** The host page signed its customer out: forget the visitor on this browser. */
  | { type: 'chat:logout' };

export type FrameToLoader =
  /** `label` is the launcher's accessible name in the visitor's language; sent again when the language changes. */
  | { type: 'chat:ready'; label: string }
  | { type: 'chat:close' }
  /** `label` describes the unread count for screen readers, '' when none. */
  | { type: 'chat:unread'; count: number; label: string }
  | { type: 'chat:message'; message: MessageView };

type Fields = Record<string, unknown>;

function asFields(data: unknown): Fields | null {
  return typeof data === 'object' && data !== null ? (data as Fields) : null;
}

const text = (value: unknown): value is string => typeof value === 'string';

/** Validates data the loader received; anything unexpected is null. */
export function readFrameMessage(data: unknown): FrameToLoader | null {
  const m = asFields(data);
  switch (m?.type) {
    case 'chat:ready':
      return text(m.label) ? { type: m.type, label: m.label } : null;
    case 'chat:close':
      return { type: m.type };
    case 'chat:unread':
      return typeof m.count === 'number' && m.count >= 0 && text(m.label) ? { type: m.type, count: m.count, label: m.label } : null;
    case 'chat:message':
      return asFields(m.message) ? { type: m.type, message: m.message as MessageView } : null;
    default:
      return null;
  }
}

/** Validates data the frame received; anything unexpected is null. */
export function readLoaderMessage(data: unknown): LoaderToFrame | null {
  const m = asFields(data);
  switch (m?.type) {
    case 'chat:open':
    case 'chat:close':
    case 'chat:logout':
      return { type: m.type };
    case 'chat:identify':
      return asFields(m.identity) ? { type: m.type, identity: m.identity as Identity } : null;
    case 'chat:locale':
      return text(m.locale) ? { type: m.type, locale: m.locale } : null;
    case 'chat:page':
      return text(m.url) && text(m.title) ? { type: m.type, url: m.url, title: m.title } : null;
    default:
      return null;
  }
}
