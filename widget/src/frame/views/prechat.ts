import { h } from '../dom';
import type { Strings } from '../strings';

export type Submit = (name: string, email: string) => Promise<string | null>;

export interface Prefill {
  name: string | null;
  email: string | null;
}

export function prechatView(s: Strings, greeting: string, emailRequired: boolean, submit: Submit, typicalReplySeconds: number | null = null) {
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
    maxlength: 254,
    required: emailRequired,
    'data-testid': 'prechat-email',
  });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'prechat-submit' }, s.startChat);
  // novalidate: the server's sentences (ProblemDetails detail) are the ones we show.
  const form = h(
    'form',
    { class: 'prechat', 'data-testid': 'prechat', novalidate: true },
    greeting ? h('p', { class: 'greeting', 'data-testid': 'greeting' }, greeting) : null,
    h('p', {}, typicalReplySeconds === null ? s.prechatIntro : s.prechatAsk),
    typicalReplySeconds === null ? null : h('p', { class: 'promise', 'data-testid': 'typical-reply' }, s.typicalReply(Math.round(typicalReplySeconds / 60))),
    h('label', { for: 'prechat-name' }, s.nameLabel),
    name,
    h('label', { for: 'prechat-email' }, emailRequired ? s.emailRequiredLabel : s.emailLabel),
    email,
    error,
    button,
  );

  const showError = (text: string | null, field?: HTMLElement) => {
    error.hidden = !text;
    error.textContent = text ?? '';
    field?.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const trimmed = name.value.trim();
    if (!trimmed) return showError(s.nameRequired, name);
    if (emailRequired && !email.value.trim()) return showError(s.emailRequired, email);
    button.disabled = true;
    showError(null);
    const problem = await submit(trimmed, email.value.trim());
    button.disabled = false;
    showError(problem);
  });

  return {
    el: form,
    focus: () => name.focus(),
    /** What the host page passed to identify() fills fields the visitor has not typed in. */
    prefill(values: Prefill) {
      if (values.name && !name.value) name.value = values.name;
      if (values.email && !email.value) email.value = values.email;
    },
  };
}
