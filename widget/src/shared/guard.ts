// Any window can post to us, so a message counts only when it comes from the
// exact window we talk to AND that window currently holds the expected origin
// (a window can be navigated to another site while we keep its reference).

export interface IncomingMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

export function acceptMessage<T>(
  event: IncomingMessage,
  expectedOrigin: string | null,
  expectedSource: unknown,
  read: (data: unknown) => T | null,
): T | null {
  if (expectedSource == null || event.source !== expectedSource) return null;
  if (expectedOrigin !== null && event.origin !== expectedOrigin) return null;
  return read(event.data);
}
