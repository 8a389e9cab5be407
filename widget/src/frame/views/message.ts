import { h } from '../dom';
import { splitLinks } from '../links';
import type { ChatMessage } from '../store';
import type { Strings } from '../strings';
import { avatarView } from './avatar';

/**
 * Direction overrides, embeddings and isolates are shown as �, not obeyed: "abc<RLO>gnp.exe"
 * would read as "abcexe.png". Each piece sits in its own isolate, so nothing in one reorders the next.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

function textWithLinks(text: string): Node[] {
  return splitLinks(text).map((part) => {
    const shown = part.text.replace(bidiControls, '\uFFFD');
    return part.href ? h('a', { href: part.href, target: '_blank', rel: 'noopener noreferrer' }, shown) : h('bdi', {}, shown);
  });
}

/** Everything that changes how a message looks; re-render only when it changes. */
export function messageKey(m: ChatMessage, seen: boolean): string {
  return `${m.seq}|${m.delivery}|${m.error ?? ''}|${seen}|${m.text}`;
}

export function messageView(m: ChatMessage, s: Strings, onEdit: (clientId: string) => void, seen: boolean): HTMLElement {
  const el = h('div', { class: `message ${m.sender} ${m.delivery}`, 'data-testid': 'message', 'data-sender': m.sender });
  if (m.seq !== null) el.dataset.seq = String(m.seq);
  // Naming the agent on every reply is a product rule, not decoration.
  if (m.sender === 'agent') {
    el.append(h('div', { class: 'byline' }, avatarView(m.senderName), h('span', { class: 'author', 'data-testid': 'message-author' }, m.senderName)));
  }
  const bubble = h('div', { class: 'text', 'data-testid': 'message-text', dir: 'auto' });
  bubble.append(...textWithLinks(m.text));
  el.append(bubble);

  if (m.delivery === 'sending' || m.delivery === 'waiting') {
    // A message held back (offline, or sent too fast) says why; it goes by itself later.
    el.append(h('div', { class: 'meta', 'data-testid': 'delivery' }, m.delivery === 'sending' ? s.sending : (m.error ?? s.waiting)));
  } else if (m.delivery === 'failed') {
    const edit = h('button', { type: 'button', class: 'link' }, s.editMessage);
    edit.addEventListener('click', () => onEdit(m.clientId));
    el.append(h('div', { class: 'meta error' }, h('span', { 'data-testid': 'error' }, m.error ?? s.somethingFailed), ' ', edit));
  } else if (seen) {
    el.append(h('div', { class: 'meta', 'data-testid': 'seen' }, s.seen));
  }
  return el;
}
