import { h } from '../dom';
import type { Strings } from '../strings';

export function headerView(s: Strings, siteName: string, onClose: () => void) {
  const agent = h('p', { class: 'agent', 'data-testid': 'agent-name', hidden: true });
  const close = h('button', { type: 'button', class: 'close', 'aria-label': s.close, 'data-testid': 'close' }, '×');
  close.addEventListener('click', onClose);
  const el = h('header', {}, h('div', {}, h('h1', {}, siteName), agent), close);
  return {
    el,
    setAgent(name: string | null) {
      agent.hidden = !name;
      agent.textContent = name ? s.chattingWith(name) : '';
    },
  };
}
