import { h } from '../dom';
import { lastSeenClientId } from '../seen';
import type { SessionState } from '../session';
import type { ChatMessage } from '../store';
import type { Strings } from '../strings';
import { promiseText } from '../promises';
import { lazy } from '../lazy';
import type { ConversationView } from '../../shared/views';
import { followUpText } from './away';
import { composerView, type Draft } from './composer';
import { messageListView } from './messageList';
import type { AfterChatActions, ratingView } from './rating';

export interface ChatActions extends AfterChatActions {
  send(text: string): Promise<string | null>;
  input(text: string): void;
  takeBack(clientId: string): string;
}

/** The line while queued: "You are number 2 in line · about 4 minutes". */
export function queueText(s: Strings, position: number | null, waitSeconds: number | null): string {
  const place = position ? s.queuePosition(position) : s.waitingForAgent;
  return waitSeconds ? `${place} · ${s.expectedWait(Math.round(waitSeconds / 60))}` : place;
}

export interface ChatOptions {
  guardPrivateData: boolean;
  typingVisible: boolean;
  reviewUrl: string | null;
  draft: Draft;
}

export function chatView(s: Strings, siteGreeting: string, actions: ChatActions, options: ChatOptions) {
  const greeting = h('p', { class: 'greeting', 'data-testid': 'greeting' });
  const link = h('p', { class: 'notice link-state', role: 'status', 'data-testid': 'connection', hidden: true });
  const queue = h('p', { class: 'notice', role: 'status', 'data-testid': 'queue-position', hidden: true });
  const followUp = h('p', { class: 'notice', role: 'status', 'data-testid': 'follow-up', hidden: true });
  // What the team promised: kept in view, so the visitor knows what happens next and by when.
  const promises = h('ul', { class: 'promises', 'aria-live': 'polite', 'data-testid': 'promises', hidden: true });
  const list = messageListView(s, (clientId) => composer.setText(actions.takeBack(clientId)));
  const typing = h('p', { class: 'typing', 'aria-live': 'polite', 'data-testid': 'typing', hidden: true });
  const composer = composerView(s, actions.send, actions.input, options.guardPrivateData, options.typingVisible, options.draft);
  // The after-chat panel (rate, transcript, new chat) is fetched when a chat is first resolved.
  // It scrolls with the transcript, under the last message, rather than taking room below it.
  const after = h('div', { class: 'after-chat' });
  let rating: ReturnType<typeof ratingView> | null = null;
  let latest: ConversationView | null = null;
  let wasResolved = false;
  const scroll = h('div', { class: 'scroll' }, greeting, list.el, after);
  const el = h('div', { class: 'chat' }, link, queue, followUp, promises, scroll, typing, composer.el);

  /** The last message at the top of the view, the panel under it: the agent's last words stay in sight. */
  const showLastMessage = () => {
    const last = list.el.lastElementChild;
    if (last) scroll.scrollTop += last.getBoundingClientRect().top - scroll.getBoundingClientRect().top - 14;
  };

  function showAfterChat(conversation: ConversationView | null): void {
    latest = conversation;
    const resolved = conversation?.status === 'resolved';
    if (rating) rating.update(conversation);
    else if (resolved) {
      lazy('afterChat')
        .then((module) => {
          rating ??= module.ratingView(s, actions, options.reviewUrl);
          after.append(rating.el);
          rating.update(latest);
          if (latest?.status === 'resolved') showLastMessage();
        })
        .catch(() => undefined);
    }
    if (resolved && !wasResolved) showLastMessage();
    wasResolved = resolved;
  }

  return {
    el,
    focus: () => composer.focus(),
    update(state: SessionState, messages: ChatMessage[]) {
      greeting.textContent = state.returning && state.visitorName ? s.welcomeBack(state.visitorName) : siteGreeting;
      greeting.hidden = !greeting.textContent;

      link.hidden = state.link === 'online';
      link.textContent = state.link === 'connecting' ? s.connecting : s.offline;

      const conversation = state.conversation;
      queue.hidden = conversation?.status !== 'queued';
      queue.textContent = queueText(s, conversation?.queuePosition ?? null, conversation?.expectedWaitSeconds ?? null);

      followUp.hidden = conversation?.status !== 'follow_up';
      followUp.textContent = followUpText(s, state.visitorEmail, state.availability);

      const actions = conversation?.nextActions ?? [];
      promises.hidden = actions.length === 0;
      promises.replaceChildren(
        ...actions.map((a) => h('li', { class: a.doneAt ? 'kept' : 'open', 'data-testid': 'promise', 'data-kept': a.doneAt ? 'true' : 'false' }, promiseText(a, s))),
      );

      list.render(messages, scroll, lastSeenClientId(messages, conversation?.seenSeq ?? 0));

      typing.hidden = !state.typingAgent;
      typing.textContent = state.typingAgent ? s.isTyping(state.typingAgent) : '';

      showAfterChat(conversation);
      composer.el.hidden = conversation?.status === 'resolved';
    },
  };
}
