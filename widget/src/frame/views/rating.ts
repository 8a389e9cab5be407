import type { ConversationView } from '../../shared/views';
import { h } from '../dom';
import type { Strings } from '../strings';

export function ratingView(
  s: Strings,
  onRate: (rating: number, comment: string) => Promise<string | null>,
  onNewChat: () => Promise<string | null>,
) {
  let chosen = 0;
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const button = h(
      'button',
      { type: 'button', role: 'radio', 'aria-checked': 'false', 'aria-label': s.rateLabel(n), 'data-testid': `rate-${n}` },
      String(n),
    );
    button.addEventListener('click', () => choose(n));
    return button;
  });
  const comment = h('textarea', { id: 'rate-comment', maxlength: 1000, rows: 2, 'data-testid': 'rate-comment' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'rate-submit' }, s.rateSubmit);
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  const form = h(
    'form',
    { class: 'rating' },
    h('p', { id: 'rate-question' }, s.rateQuestion),
    h('div', { class: 'stars', role: 'radiogroup', 'aria-labelledby': 'rate-question' }, ...stars),
    h('label', { for: 'rate-comment' }, s.rateComment),
    comment,
    error,
    submit,
  );
  const thanks = h('p', { class: 'rated', 'data-testid': 'rated', hidden: true }, s.rated);
  const newChat = h('button', { type: 'button', class: 'secondary', 'data-testid': 'new-chat' }, s.newChat);
  const el = h('section', { class: 'resolved', hidden: true }, h('p', { class: 'notice' }, s.resolved), form, thanks, newChat);

  const showError = (text: string | null) => {
    error.hidden = !text;
    error.textContent = text ?? '';
  };

  function choose(n: number): void {
    chosen = n;
    stars.forEach((star, i) => star.setAttribute('aria-checked', String(i + 1 === n)));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!chosen) return showError(s.rateChoose);
    submit.disabled = true;
    showError(await onRate(chosen, comment.value.trim()));
    submit.disabled = false;
  });
  newChat.addEventListener('click', async () => {
    newChat.disabled = true;
    showError(await onNewChat());
    newChat.disabled = false;
  });

  return {
    el,
    update(conversation: ConversationView | null) {
      const resolved = conversation?.status === 'resolved';
      el.hidden = !resolved;
      const rated = conversation?.rating != null;
      form.hidden = rated;
      thanks.hidden = !rated;
      if (!resolved) {
        choose(0);
        comment.value = '';
        showError(null);
      }
    },
  };
}
