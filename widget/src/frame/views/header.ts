import { h } from '../dom';
import type { Strings } from '../strings';
import { avatarView } from './avatar';

export function headerView(s: Strings, siteName: string, onClose: () => void) {
  const face = h('span', { class: 'face' });
  const agent = h('p', { class: 'agent', 'data-testid': 'agent-name', hidden: true });
  const close = h('button', { type: 'button', class: 'close', 'aria-label': s.close, 'data-testid': 'close' }, '×');
  close.addEventListener('click', onClose);
  const el = h('header', {}, face, h('div', {}, h('h1', {}, siteName), agent), close);
  let shown: string | null = null;
  return {
    el,
    /** `ended`: the chat was resolved, so the line speaks of it in the past. */
    setAgent(name: string | null, ended = false) {
      const key = name && `${ended}${name}`;
      if (key === shown) return;
      shown = key;
      agent.hidden = !name;
      agent.textContent = name ? (ended ? s.chattedWith(name) : s.chattingWith(name)) : '';
      face.replaceChildren(...(name ? [avatarView(name)] : []));
    },
  };
}
