import type { FrameConfig } from './config';
import { Credentials } from './credentials';
import { h } from './dom';
import { Outbox } from './outbox';
import { ParentChannel } from './parent';
import { ChatSession } from './session';
import { frameStorage, storageKeys } from './storage';
import type { Strings } from './strings';
import { UnreadCounter } from './unread';
import { chatView } from './views/chat';
import { headerView } from './views/header';
import { prechatView } from './views/prechat';

/** Wires the session to the views and to the loader on the host page. */
export function startApp(root: HTMLElement, config: FrameConfig, s: Strings): void {
  const storage = frameStorage();
  const parent = new ParentChannel();
  const unread = new UnreadCounter();
  const postUnread = () => parent.post({ type: 'chat:unread', count: unread.count });

  const session: ChatSession = new ChatSession(
    config,
    new Credentials(storage, config.siteKey),
    new Outbox(storage, storageKeys.outbox(config.siteKey)),
    s,
    {
      changed: render,
      agentMessage(message) {
        parent.post({ type: 'chat:message', message });
        if (unread.agentMessage()) postUnread();
      },
    },
  );

  const header = headerView(s, config.siteName, () => parent.post({ type: 'chat:close' }));
  const main = h('main');
  root.append(header.el, main);

  let prechat: ReturnType<typeof prechatView> | null = null;
  let chat: ReturnType<typeof chatView> | null = null;

  function render(): void {
    const state = session.state;
    const conversation = state.conversation;
    header.setAgent(conversation?.status === 'queued' ? null : (conversation?.agentName ?? null));
    if (state.phase === 'prechat') {
      if (!prechat) {
        chat = null;
        prechat = prechatView(s, config.greeting, (name, email) => session.register(name, email));
        main.replaceChildren(prechat.el);
      }
      return;
    }
    if (!chat) {
      prechat = null;
      chat = chatView(s, config.greeting, {
        send: (text) => session.send(text),
        input: (text) => session.typing.input(text),
        takeBack: (clientId) => session.takeBack(clientId),
        rate: (rating, comment) => session.rate(rating, comment),
        newChat: () => session.startNew(),
      });
      main.replaceChildren(chat.el);
      if (unread.isOpen) chat.focus();
    }
    chat.update(state, session.store.list());
  }

  parent.listen((message) => {
    if (message.type === 'chat:open') {
      unread.setOpen(true);
      postUnread();
      (chat ?? prechat)?.focus();
    } else if (message.type === 'chat:close') {
      unread.setOpen(false);
    }
    // chat:identify and chat:locale are accepted for forward compatibility; not used yet.
  });

  parent.post({ type: 'chat:ready' });
  session.start();
}
