import { postJson } from './post';
export interface Registration {
  token: string;
  customerId: string;
  name: string;
  email: string | null;
}

/** The visitor's own error to show next to the form, or the new registration. */
export type RegisterResult = { ok: true; visitor: Registration } | { ok: false; detail: string | null };

export async function registerVisitor(siteKey: string, name: string, email: string): Promise<RegisterResult> {
  let response: Response;
  try {
    response = await postJson('/api/visitors', { siteKey, name, email: email || null });
  } catch {
    return { ok: false, detail: null };
  }
  if (response.ok) return { ok: true, visitor: (await response.json()) as Registration };
  const problem = (await response.json().catch(() => ({}))) as { detail?: unknown };
  return { ok: false, detail: response.status === 400 && typeof problem.detail === 'string' ? problem.detail : null };
}
