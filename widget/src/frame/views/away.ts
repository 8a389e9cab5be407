import type { Availability } from '../availability';
import { h } from '../dom';
import { formatWhen } from '../locale';
import type { Strings } from '../strings';
import { privateWarning } from './privateWarning';

export type LeaveMessage = (name: string, email: string, text: string) => Promise<string | null>;

/** Said above the form: why there is no live chat, and when to expect an answer. */
export function awayIntro(s: Strings, availability: Availability | null, now = new Date()): string[] {
  const back = availability?.nextOpen ? formatWhen(new Date(availability.nextOpen), s, now) : null;
  return back ? [s.awayClosed(back), s.awayReplyClosed(back)] : [s.awayNobody, s.awayReplyNobody];
}

/** Said once a message was left: where and when the answer comes, in one sentence. */
export function followUpText(s: Strings, email: string | null, availability: Availability | null, now = new Date()): string {
  const back = availability?.nextOpen ? formatWhen(new Date(availability.nextOpen), s, now) : null;
  return email ? s.followUpNotice(email, back) : awayIntro(s, availability, now)[1]!;
}

/** The leave-a-message form for when nobody is online or the team is out of hours. */
export function awayView(s: Strings, leave: LeaveMessage, onCancel: (() => void) | null, guardPrivateData = true) {
  const intro = h('p', { 'data-testid': 'away-intro' });
  const reply = h('p', { class: 'promise', 'data-testid': 'away-reply' });
  const name = h('input', { id: 'away-name', name: 'name', autocomplete: 'name', maxlength: 100, required: true, 'data-testid': 'away-name' });
  const email = h('input', {
    id: 'away-email',
    name: 'email',
    type: 'email',
    autocomplete: 'email',
    maxlength: 254,
    required: true,
    'data-testid': 'away-email',
  });
  const text = h('textarea', { id: 'away-text', name: 'message', rows: 4, maxlength: 4000, required: true, 'data-testid': 'away-text' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'away-submit' }, s.sendMessage);
  // The same question as the chat's composer before a card number or IBAN is sent.
  const warning = privateWarning(s, text, () => void send(true), guardPrivateData);
  const cancel = onCancel ? h('button', { type: 'button', class: 'secondary' }, s.close) : null;
  cancel?.addEventListener('click', () => onCancel?.());
  const form = h(
    'form',
    { class: 'prechat away', 'data-testid': 'away', novalidate: true, 'aria-labelledby': 'away-title' },
    h('h2', { id: 'away-title' }, s.awayTitle),
    intro,
    h('label', { for: 'away-name' }, s.nameLabel),
    name,
    h('label', { for: 'away-email' }, s.emailRequiredLabel),
    email,
    h('label', { for: 'away-text' }, s.messageLabel),
    text,
    reply,
    warning.el,
    error,
    submit,
    cancel,
  );

  const showError = (problem: string | null, field?: HTMLElement) => {
    error.hidden = !problem;
    error.textContent = problem ?? '';
    field?.focus();
  };

  const send = async (checked = false) => {
    if (!name.value.trim()) return showError(s.nameRequired, name);
    if (!email.value.trim()) return showError(s.emailRequired, email);
    if (!text.value.trim()) return showError(s.messageRequired, text);
    const message = warning.check(text.value, checked);
    if (message === null) return;
    submit.disabled = true;
    showError(null);
    // The fields keep what was typed until the server has stored it.
    const problem = await leave(name.value.trim(), email.value.trim(), message);
    submit.disabled = false;
    showError(problem);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  return {
    el: form,
    focus: () => (name.value ? (email.value ? text : email) : name).focus(),
    /** Nothing typed by the visitor beyond what was filled in for them. */
    untouched: () => !text.value.trim(),
    update(availability: Availability | null, known: { name: string | null; email: string | null; draft: string }) {
      const [why, when] = awayIntro(s, availability);
      intro.textContent = `${why} ${s.awayPromise}`;
      reply.textContent = when!;
      if (known.name && !name.value) name.value = known.name;
      if (known.email && !email.value) email.value = known.email;
      if (known.draft && !text.value) text.value = known.draft;
    },
  };
}
