import { initials } from '../avatar';
import { h } from '../dom';

/** The agent's face in the chat: their initials on the site's colour. Decorative, as the name is always beside it. */
export function avatarView(name: string): HTMLElement {
  return h('span', { class: 'avatar', 'aria-hidden': 'true', 'data-testid': 'avatar' }, initials(name));
}
