import type { ChatMessage } from './store';
import type { Strings } from './strings';

/** The conversation as plain text, one message per paragraph, for the visitor to keep. */
export function transcriptText(siteName: string, messages: readonly ChatMessage[], s: Strings, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(s.lang, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  const lines = messages
    .filter((m) => m.seq !== null)
    .map((m) => `[${format.format(new Date(m.createdAt))}] ${m.sender === 'visitor' ? s.you : m.senderName}:\n${m.text}`);
  return `${s.transcriptTitle(siteName)}\n\n${lines.join('\n\n')}\n`;
}

/** A file name that sorts by date: chat-2025-03-10.txt. */
export function transcriptFileName(now = new Date()): string {
  return `chat-${now.toISOString().slice(0, 10)}.txt`;
}
