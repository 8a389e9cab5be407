import type { MessageView } from './views';

// The postMessage contract between the loader (host page) and the frame.
// Every type carries the `chat:` prefix so our traffic never collides with
// other scripts on the host page that also use postMessage.

export interface Identity {
  id?: string;
  name?: string;
  email?: string;
  hash?: string;
}

export type LoaderToFrame =
  | { type: 'chat:open' }
  | { type: 'chat:close' }
  | { type: 'chat:identify'; identity: Identity }
  | { type: 'chat:locale'; locale: string };

export type FrameToLoader =
  | { type: 'chat:ready' }
  | { type: 'chat:close' }
  | { type: 'chat:unread'; count: number }
  | { type: 'chat:message'; message: MessageView };

type Fields = Record<string, unknown>;

function asFields(data: unknown): Fields | null {
  return typeof data === 'object' && data !== null ? (data as Fields) : null;
}

/** Validates data the loader received; anything unexpected is null. */
export function readFrameMessage(data: unknown): FrameToLoader | null {
  const m = asFields(data);
  switch (m?.type) {
    case 'chat:ready':
    case 'chat:close':
      return { type: m.type };
    case 'chat:unread':
      return typeof m.count === 'number' && m.count >= 0 ? { type: 'chat:unread', count: m.count } : null;
    case 'chat:message':
      return asFields(m.message) ? { type: 'chat:message', message: m.message as MessageView } : null;
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
      return { type: m.type };
    case 'chat:identify':
      return asFields(m.identity) ? { type: 'chat:identify', identity: m.identity as Identity } : null;
    case 'chat:locale':
      return typeof m.locale === 'string' ? { type: 'chat:locale', locale: m.locale } : null;
    default:
      return null;
  }
}
