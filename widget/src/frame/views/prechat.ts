import { h } from '../dom';
import type { Strings } from '../strings';

export type Submit = (name: string, email: string) => Promise<string | null>;

export function prechatView(s: Strings, greeting: string, submit: Submit) {
  const name = h('input', {
    id: 'prechat-name',
    name: 'name',
    autocomplete: 'name',
    maxlength: 100,
    required: true,
    'data-testid': 'prechat-name',
  });
  const email = h('input', {
    id: 'prechat-email',
    name: 'email',
    type: 'email',
    autocomplete: 'email',
    'data-testid': 'prechat-email',
  });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'prechat-submit' }, s.startChat);
  // novalidate: the server's sentences (ProblemDetails detail) are the ones we show.
  const form = h(
    'form',
    { class: 'prechat', 'data-testid': 'prechat', novalidate: true },
    greeting ? h('p', { class: 'greeting', 'data-testid': 'greeting' }, greeting) : null,
    h('p', {}, s.prechatIntro),
    h('label', { for: 'prechat-name' }, s.nameLabel),
    name,
    h('label', { for: 'prechat-email' }, s.emailLabel),
    email,
    error,
    button,
  );

  const showError = (text: string | null) => {
    error.hidden = !text;
    error.textContent = text ?? '';
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const trimmed = name.value.trim();
    if (!trimmed) {
      showError(s.nameRequired);
      name.focus();
      return;
    }
    button.disabled = true;
    showError(null);
    const problem = await submit(trimmed, email.value.trim());
    button.disabled = false;
    showError(problem);
  });

  return { el: form, focus: () => name.focus() };
}
