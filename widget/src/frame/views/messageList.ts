import { h } from '../dom';
import type { ChatMessage } from '../store';
import type { Strings } from '../strings';
import { messageKey, messageView } from './message';

/** Keyed by clientId, so a re-render touches only messages that changed and keeps the reader's scroll place. */
export function messageListView(s: Strings, onEdit: (clientId: string) => void) {
  const el = h('div', {
    class: 'messages',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': s.messagesLabel,
    'data-testid': 'messages',
    tabindex: 0,
  });
  let shown = new Map<string, { key: string; node: HTMLElement }>();

  /** `seenClientId`: the visitor's last message the agent has seen, which carries the mark. */
  function render(messages: ChatMessage[], scroller: HTMLElement, seenClientId: string | null): void {
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 60;
    const next = new Map<string, { key: string; node: HTMLElement }>();
    messages.forEach((m, index) => {
      const seen = m.clientId === seenClientId;
      const key = messageKey(m, seen);
      const old = shown.get(m.clientId);
      const node = old && old.key === key ? old.node : messageView(m, s, onEdit, seen);
      if (old && old.node !== node) old.node.replaceWith(node);
      if (el.children[index] !== node) el.insertBefore(node, el.children[index] ?? null);
      next.set(m.clientId, { key, node });
    });
    shown.forEach(({ node }, clientId) => {
      if (!next.has(clientId)) node.remove();
    });
    shown = next;
    if (nearBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  return { el, render };
}
