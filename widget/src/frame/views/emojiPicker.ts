// Fetched the first time the visitor opens the emoji picker (see ../lazy.ts), never at first paint.
import { h } from '../dom';

const emoji = [
  '😄', '🙂', '😁', '😂', '😉', '😊', '😍', '🤔',
  '😐', '😕', '😟', '😢', '😅', '🙏', '👍', '👎',
  '👏', '👋', '👌', '🙌', '❤️', '🎉', '✨', '⭐',
  '✅', '❌', '⚠️', '👀', '🎁', '📦', '🚚', '☕',
];

/** A grid of emoji buttons; arrow keys move between them, Escape closes (the caller hides the grid). */
export function emojiPicker(label: string, onPick: (emoji: string) => void, onClose: () => void): HTMLElement {
  const buttons = emoji.map((e) => {
    const button = h('button', { type: 'button', class: 'emoji-option', 'data-testid': 'emoji-option' }, e);
    button.addEventListener('click', () => onPick(e));
    return button;
  });
  const grid = h('div', { class: 'emoji-grid', role: 'group', 'aria-label': label, 'data-testid': 'emoji-grid' }, ...buttons);
  grid.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 8, ArrowUp: -8 }[event.key];
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (step && at >= 0) {
      event.preventDefault();
      buttons[Math.min(buttons.length - 1, Math.max(0, at + step))]!.focus();
    }
  });
  return grid;
}
