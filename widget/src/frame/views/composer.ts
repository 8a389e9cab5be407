import { h } from '../dom';
import { findPrivateData, maskPrivateData } from '../privateData';
import type { Strings } from '../strings';

const maxLength = 4000;
const warnFrom = 3600;

export function composerView(
  s: Strings,
  onSend: (text: string) => Promise<string | null>,
  onInput: (text: string) => void,
  guardPrivateData = true,
  typingVisible = false,
) {
  const input = h('textarea', {
    rows: 1,
    maxlength: maxLength,
    'aria-label': s.composerLabel,
    placeholder: s.composerPlaceholder,
    'data-testid': 'composer',
  });
  const counter = h('span', { class: 'counter', 'aria-live': 'polite', hidden: true });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  const send = h('button', { type: 'submit', class: 'primary', 'aria-label': s.send, 'data-testid': 'send' }, s.send);
  // Asked before a card number or IBAN is sent; never blocks: "Send hidden" sends it masked.
  const warningText = h('p', {});
  const edit = h('button', { type: 'button', class: 'secondary', 'data-testid': 'private-edit' }, s.privateEdit);
  const sendHidden = h('button', { type: 'button', class: 'primary', 'data-testid': 'private-send-hidden' }, s.privateSendHidden);
  const warning = h('div', { class: 'private-warning', role: 'alert', 'data-testid': 'private-warning', hidden: true }, warningText, h('div', { class: 'actions' }, edit, sendHidden));
  // Listen openly: where agents see the draft as it is typed, the visitor is told.
  const openly = typingVisible ? h('p', { class: 'typing-visible', 'data-testid': 'typing-visible' }, s.typingVisible) : null;
  const el = h('form', { class: 'composer' }, warning, error, h('div', { class: 'row' }, input, send), counter, openly);

  const refresh = () => {
    const left = maxLength - input.value.length;
    counter.hidden = input.value.length < warnFrom;
    counter.textContent = s.charactersLeft(left);
  };

  const submit = async (checked = false) => {
    let text = input.value;
    if (!text.trim()) return;
    const found = guardPrivateData ? findPrivateData(text) : [];
    if (found.length && !checked) {
      warningText.textContent = found.some((m) => m.kind === 'card') ? s.privateCard : s.privateIban;
      warning.hidden = false;
      sendHidden.focus();
      return;
    }
    if (found.length) text = maskPrivateData(text);
    warning.hidden = true;
    input.value = '';
    refresh();
    error.hidden = true;
    const problem = await onSend(text);
    if (problem) {
      // Give the text back so nothing typed is lost.
      if (!input.value) input.value = text;
      refresh();
      error.textContent = problem;
      error.hidden = false;
    }
  };

  edit.addEventListener('click', () => {
    warning.hidden = true;
    const first = findPrivateData(input.value)[0];
    input.focus();
    if (first) input.setSelectionRange(first.start, first.end);
  });
  sendHidden.addEventListener('click', () => void submit(true));

  input.addEventListener('input', () => {
    warning.hidden = true;
    refresh();
    onInput(input.value);
  });
  input.addEventListener('keydown', (event) => {
    // isComposing: Enter also confirms an IME candidate and must not send then.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void submit();
    }
  });
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  return {
    el,
    focus: () => input.focus(),
    setText(text: string) {
      input.value = text;
      refresh();
      input.focus();
    },
  };
}
