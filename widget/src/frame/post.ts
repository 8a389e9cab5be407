/** POSTs JSON to the chat server; rejects only when it cannot be reached. */
export const postJson = (path: string, body: unknown): Promise<Response> =>
  fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** POST /api/email/transcript without its address, which the visitor may type at the time. */
export interface TranscriptRequest {
  siteKey: string;
  token: string | null;
  conversationId: string | undefined;
  email: string | null;
}
