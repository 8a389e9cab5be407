export interface HubError {
  code: string;
  sentence: string;
}

// The SignalR client wraps the server's text, e.g.
// "An unexpected error occurred invoking 'Send' on the server. HubException: message_too_long: A message …".
const wrapped = /HubException:\s*([a-z][a-z0-9_]*)\s*:\s*([^]*)$/i;
// Some servers and client versions pass the bare "code: sentence" through.
const bare = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*:\s+([^]*)$/;

/**
 * Returns the stable code and the human sentence of a refused hub call, or
 * null when the failure was not the server refusing (e.g. the connection
 * dropped), which callers treat as transient.
 */
export function parseHubError(error: unknown): HubError | null {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = wrapped.exec(text) ?? bare.exec(text.trim());
  if (!match) return null;
  const code = match[1]!.toLowerCase();
  const sentence = match[2]!.trim() || code.replace(/_/g, ' ');
  return { code, sentence };
}
