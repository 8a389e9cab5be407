import type { ConversationView } from '../../shared/views';
import { h } from '../dom';
import { postJson, type TranscriptRequest } from '../post';
import type { ChatMessage } from '../store';
import { transcriptFileName, transcriptText } from '../transcript';
import { downloadText } from './download';
import type { Strings } from '../strings';

export interface AfterChatActions {
  rate(rating: number, comment: string): Promise<string | null>;
  newChat(): Promise<string | null>;
  /** The conversation to keep as a file. */
  kept(): { siteName: string; messages: readonly ChatMessage[] };
  /** "Email me this conversation": the visitor's error, null once it is on its way, '' when they cancelled. */
  /** The conversation to mail, and the visitor's email when known. */
  transcript(): TranscriptRequest;
  /** Asks first; the visitor's error, or null. */
  erase(): Promise<string | null>;
}

/** After the chat: rate it 1 to 5 with a comment, keep the transcript, or start again. */
export function ratingView(s: Strings, actions: AfterChatActions, reviewUrl: string | null = null) {
  let chosen = 0;
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const button = h(
      'button',
      { type: 'button', role: 'radio', 'aria-checked': 'false', 'aria-label': s.rateLabel(n), 'data-testid': `rate-${n}` },
      String(n),
    );
    button.addEventListener('click', () => choose(n));
    // Arrow keys move between the choices, as in any radio group.
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      const next = Math.min(5, Math.max(1, n + step));
      choose(next);
      stars[next - 1]!.focus();
    });
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
  const thanks = h('p', { class: 'rated', role: 'status', 'data-testid': 'rated', hidden: true }, s.rated);
  // Ask your happiest customers: only after 5 stars, and only where the site set a link.
  const review = reviewUrl
    ? h('p', { class: 'review', 'data-testid': 'review', hidden: true }, `${s.reviewAsk} `,
        h('a', { href: reviewUrl, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'review-link' }, s.reviewLink))
    : null;
  const download = h('button', { type: 'button', class: 'secondary', 'data-testid': 'transcript' }, s.downloadTranscript);
  const email = h('button', { type: 'button', class: 'secondary', 'data-testid': 'email-transcript' }, s.emailTranscript);
  const newChat = h('button', { type: 'button', class: 'secondary', 'data-testid': 'new-chat' }, s.newChat);
  const erase = h('button', { type: 'button', class: 'secondary', 'data-testid': 'erase-history' }, s.eraseHistory);
  const el = h(
    'section',
    { class: 'resolved', hidden: true },
    h('p', { class: 'notice' }, s.resolved),
    form,
    thanks,
    review,
    h('div', { class: 'actions' }, download, email, newChat, erase),
  );

  const showError = (text: string | null) => {
    error.hidden = !text;
    error.textContent = text ?? '';
  };

  function choose(n: number): void {
    chosen = n;
    // Only the chosen star (or the first) is in the tab order; arrows move within the group.
    stars.forEach((star, i) => {
      star.setAttribute('aria-checked', String(i + 1 === n));
      star.tabIndex = i + 1 === (n || 1) ? 0 : -1;
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!chosen) return showError(s.rateChoose);
    submit.disabled = true;
    showError(await actions.rate(chosen, comment.value.trim()));
    submit.disabled = false;
  });
  download.addEventListener('click', () => {
    const { siteName, messages } = actions.kept();
    downloadText(transcriptText(siteName, messages, s), transcriptFileName());
  });
  // A second click sends nothing twice: the server sends one transcript per conversation and address.
  email.addEventListener('click', async () => {
    const request = actions.transcript();
    const address = request.email ?? prompt(s.emailRequiredLabel);
    if (!address) return;
    const response = await postJson('/api/email/transcript', { ...request, email: address }).catch(() => null);
    showError(response?.ok ? null : s.somethingFailed);
    if (response?.ok) email.textContent = `✓ ${s.emailTranscript}`;
  });
  erase.addEventListener('click', async () => showError(await actions.erase()));
  newChat.addEventListener('click', async () => {
    newChat.disabled = true;
    showError(await actions.newChat());
    newChat.disabled = false;
  });
  choose(0);

  return {
    el,
    update(conversation: ConversationView | null) {
      const resolved = conversation?.status === 'resolved';
      el.hidden = !resolved;
      const rated = conversation?.rating != null;
      form.hidden = rated;
      thanks.hidden = !rated;
      // A low rating is thanked for at once, and told someone will put it right (the promise line says who and by when).
      thanks.textContent = rated && conversation!.rating! <= 2 ? s.ratedLow : s.rated;
      if (review) review.hidden = conversation?.rating !== 5;
      if (!resolved) {
        choose(0);
        comment.value = '';
        showError(null);
      }
    },
  };
}
