import { h } from '../dom';
import { findPrivateData, maskPrivateData } from '../privateData';
import type { Strings } from '../strings';

/**
 * The privacy guard's question before a card number or IBAN leaves the widget: Edit, or Send
 * hidden. It never blocks: "Send hidden" sends the text masked, as the server would store it.
 * Shared by the chat composer and the leave-a-message form.
 */
export function privateWarning(s: Strings, input: HTMLTextAreaElement, sendHidden: () => void, guard = true) {
  const text = h('p', {});
  const edit = h('button', { type: 'button', class: 'secondary', 'data-testid': 'private-edit' }, s.privateEdit);
  const hidden = h('button', { type: 'button', class: 'primary', 'data-testid': 'private-send-hidden' }, s.privateSendHidden);
  const el = h('div', { class: 'private-warning', role: 'alert', 'data-testid': 'private-warning', hidden: true }, text, h('div', { class: 'actions' }, edit, hidden));
  edit.addEventListener('click', () => {
    el.hidden = true;
    const first = findPrivateData(input.value)[0];
    input.focus();
    if (first) input.setSelectionRange(first.start, first.end);
  });
  hidden.addEventListener('click', sendHidden);
  input.addEventListener('input', () => (el.hidden = true));

  return {
    el,
    /** The text to send, masked once the visitor chose "Send hidden"; null while the question is open. */
    check(value: string, checked: boolean): string | null {
      const found = guard ? findPrivateData(value) : [];
      if (found.length && !checked) {
        text.textContent = found.some((m) => m.kind === 'card') ? s.privateCard : s.privateIban;
        el.hidden = false;
        hidden.focus();
        return null;
      }
      el.hidden = true;
      return found.length ? maskPrivateData(value) : value;
    },
  };
}
