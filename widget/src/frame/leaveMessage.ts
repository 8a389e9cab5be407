import { postJson } from './post';
export interface LeftMessage {
  token: string;
  customerId: string;
  name: string;
  email: string | null;
  conversationId: string;
}

export interface LeaveMessageRequest {
  siteKey: string;
  token: string | null;
  name: string;
  email: string;
  clientId: string;
  text: string;
}

/** The leave-a-message form (POST /api/offline-messages); a refusal comes back as the server's sentence. */
export async function leaveMessage(request: LeaveMessageRequest): Promise<{ ok: true; left: LeftMessage } | { ok: false; detail: string | null }> {
  let response: Response;
  try {
    response = await postJson('/api/offline-messages', request);
  } catch {
    return { ok: false, detail: null };
  }
  const body = await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, left: body as LeftMessage };
  return { ok: false, detail: typeof body.detail === 'string' && response.status < 500 ? body.detail : null };
}
