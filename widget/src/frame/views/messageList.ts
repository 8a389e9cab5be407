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

  function render(messages: ChatMessage[]): void {
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    const next = new Map<string, { key: string; node: HTMLElement }>();
    messages.forEach((m, index) => {
      const key = messageKey(m);
      const old = shown.get(m.clientId);
      const node = old && old.key === key ? old.node : messageView(m, s, onEdit);
      if (old && old.node !== node) old.node.replaceWith(node);
      if (el.children[index] !== node) el.insertBefore(node, el.children[index] ?? null);
      next.set(m.clientId, { key, node });
    });
    shown.forEach(({ node }, clientId) => {
      if (!next.has(clientId)) node.remove();
    });
    shown = next;
    if (nearBottom) el.scrollTop = el.scrollHeight;
  }

  return { el, render };
}
