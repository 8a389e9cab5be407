import { h } from '../dom';
import type { SessionState } from '../session';
import type { ChatMessage } from '../store';
import type { Strings } from '../strings';
import { composerView } from './composer';
import { messageListView } from './messageList';
import { ratingView } from './rating';

export interface ChatActions {
  send(text: string): Promise<string | null>;
  input(text: string): void;
  takeBack(clientId: string): string;
  rate(rating: number, comment: string): Promise<string | null>;
  newChat(): Promise<string | null>;
}

export function chatView(s: Strings, siteGreeting: string, actions: ChatActions) {
  const greeting = h('p', { class: 'greeting', 'data-testid': 'greeting' });
  const link = h('p', { class: 'notice link-state', role: 'status', 'data-testid': 'connection', hidden: true });
  const queue = h('p', { class: 'notice', role: 'status', 'data-testid': 'queue-position', hidden: true });
  const list = messageListView(s, (clientId) => composer.setText(actions.takeBack(clientId)));
  const typing = h('p', { class: 'typing', 'aria-live': 'polite', 'data-testid': 'typing', hidden: true });
  const composer = composerView(s, actions.send, actions.input);
  const rating = ratingView(s, actions.rate, actions.newChat);
  const el = h('div', { class: 'chat' }, link, queue, h('div', { class: 'scroll' }, greeting, list.el), typing, rating.el, composer.el);

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
      queue.textContent = conversation?.queuePosition ? s.queuePosition(conversation.queuePosition) : s.waitingForAgent;

      list.render(messages);

      typing.hidden = !state.typingAgent;
      typing.textContent = state.typingAgent ? s.isTyping(state.typingAgent) : '';

      rating.update(conversation);
      composer.el.hidden = conversation?.status === 'resolved';
    },
  };
}
