import { h } from '../dom';
import { splitLinks } from '../links';
import type { ChatMessage } from '../store';
import type { Strings } from '../strings';

function textWithLinks(text: string): Node[] {
  return splitLinks(text).map((part) =>
    part.href ? h('a', { href: part.href, target: '_blank', rel: 'noopener noreferrer' }, part.text) : document.createTextNode(part.text),
  );
}

/** Everything that changes how a message looks; re-render only when it changes. */
export function messageKey(m: ChatMessage): string {
  return `${m.seq}|${m.delivery}|${m.error ?? ''}|${m.text}`;
}

export function messageView(m: ChatMessage, s: Strings, onEdit: (clientId: string) => void): HTMLElement {
  const el = h('div', { class: `message ${m.sender} ${m.delivery}`, 'data-testid': 'message', 'data-sender': m.sender });
  if (m.seq !== null) el.dataset.seq = String(m.seq);
  // Naming the agent on every reply is a product rule, not decoration.
  if (m.sender === 'agent') el.append(h('div', { class: 'author', 'data-testid': 'message-author' }, m.senderName));
  const bubble = h('div', { class: 'text', 'data-testid': 'message-text' });
  bubble.append(...textWithLinks(m.text));
  el.append(bubble);

  if (m.delivery === 'sending' || m.delivery === 'waiting') {
    el.append(h('div', { class: 'meta' }, m.delivery === 'sending' ? s.sending : s.waiting));
  } else if (m.delivery === 'failed') {
    const edit = h('button', { type: 'button', class: 'link' }, s.editMessage);
    edit.addEventListener('click', () => onEdit(m.clientId));
    el.append(h('div', { class: 'meta error' }, h('span', { 'data-testid': 'error' }, m.error ?? s.somethingFailed), ' ', edit));
  }
  return el;
}
