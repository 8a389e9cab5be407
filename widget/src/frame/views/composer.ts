import { h } from '../dom';
import { lazy } from '../lazy';
import type { Strings } from '../strings';
import { privateWarning } from './privateWarning';

const maxLength = 4000;
const warnFrom = 3600;

/** Where the unsent text is kept between page loads. */
export interface Draft {
  load(): string;
  save(text: string): void;
}

export function composerView(
  s: Strings,
  onSend: (text: string) => Promise<string | null>,
  onInput: (text: string) => void,
  guardPrivateData = true,
  typingVisible = false,
  draft: Draft | null = null,
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
  // The picker's code is fetched the first time it is opened.
  const emojiButton = h('button', { type: 'button', class: 'emoji', 'aria-label': s.emoji, 'aria-expanded': 'false', 'data-testid': 'emoji-button' }, '🙂');
  let emojiGrid: HTMLElement | null = null;
  const showEmoji = (open: boolean) => {
    if (emojiGrid) emojiGrid.hidden = !open;
    emojiButton.setAttribute('aria-expanded', String(open));
  };
  emojiButton.addEventListener('click', () => {
    if (emojiGrid) return showEmoji(emojiGrid.hidden);
    lazy('emoji')
      .then((module) => {
        emojiGrid ??= module.emojiPicker(s.emoji, (emoji) => {
          // Where the caret is, as if typed; the input event keeps the draft and typing in step.
          input.setRangeText(emoji, input.selectionStart, input.selectionEnd, 'end');
          input.dispatchEvent(new Event('input'));
          showEmoji(false);
          input.focus();
        }, () => {
          showEmoji(false);
          emojiButton.focus();
        });
        el.insertBefore(emojiGrid, el.firstChild);
        showEmoji(true);
        emojiGrid.querySelector('button')?.focus();
      })
      .catch(() => undefined);
  });
  const warning = privateWarning(s, input, () => void submit(true), guardPrivateData);
  // Listen openly: where agents see the draft as it is typed, the visitor is told.
  const openly = typingVisible ? h('p', { class: 'typing-visible', 'data-testid': 'typing-visible' }, s.typingVisible) : null;
  const el = h('form', { class: 'composer' }, warning.el, error, h('div', { class: 'row' }, input, emojiButton, send), counter, openly);

  const refresh = () => {
    const left = maxLength - input.value.length;
    counter.hidden = input.value.length < warnFrom;
    counter.textContent = s.charactersLeft(left);
  };

  const submit = async (checked = false) => {
    if (!input.value.trim()) return;
    const text = warning.check(input.value, checked);
    if (text === null) return;
    // Once handed to onSend the outbox keeps it; the draft is what is still being typed.
    draft?.save('');
    input.value = '';
    refresh();
    error.hidden = true;
    const problem = await onSend(text);
    if (problem) {
      // Give the text back so nothing typed is lost.
      if (!input.value) input.value = text;
      refresh();
      draft?.save(input.value);
      error.textContent = problem;
      error.hidden = false;
    }
  };

  input.addEventListener('input', () => {
    refresh();
    draft?.save(input.value);
    onInput(input.value);
  });
  input.value = draft?.load() ?? '';
  refresh();
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
