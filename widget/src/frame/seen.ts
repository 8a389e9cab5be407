import type { ChatMessage } from './store';

/** The visitor's last message the agent has seen, which carries the "Seen" mark; null when none. */
export function lastSeenClientId(messages: readonly ChatMessage[], seenSeq: number): string | null {
  let found: string | null = null;
  for (const m of messages) {
    if (m.sender === 'visitor' && m.seq !== null && m.seq <= seenSeq) found = m.clientId;
  }
  return found;
}
