import type { FrameConfig } from './config';
import { Credentials } from './credentials';
import { h } from './dom';
import { Outbox } from './outbox';
import { ParentChannel } from './parent';
import { ChatSession } from './session';
import { frameStorage, storageKeys } from './storage';
import type { Strings } from './strings';
import { UnreadCounter } from './unread';
import { awayView } from './views/away';
import { chatView } from './views/chat';
import { headerView } from './views/header';
import { prechatView } from './views/prechat';

type View =
  | { kind: 'prechat'; view: ReturnType<typeof prechatView> }
  | { kind: 'away'; view: ReturnType<typeof awayView> }
  | { kind: 'chat'; view: ReturnType<typeof chatView> };

/** Wires the session to the views and to the loader on the host page. */
export function startApp(root: HTMLElement, config: FrameConfig, strings: Strings, chooseStrings: (requested: string) => Strings): void {
  let s = strings;
  const storage = frameStorage();
  const parent = new ParentChannel();
  const unread = new UnreadCounter();
  const postUnread = () => parent.post({ type: 'chat:unread', count: unread.count, label: unread.count ? s.unread(unread.count) : '' });
  const postReady = () => parent.post({ type: 'chat:ready', label: s.launcher });

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
      // The frame's console is the host page's console in every browser's developer tools.
      warn: (sentence) => console.warn(sentence),
    },
  );

  const draftKey = storageKeys.draft(config.siteKey);
  const draft = {
    load: () => storage.getItem(draftKey) ?? '',
    save: (text: string) => (text ? storage.setItem(draftKey, text) : storage.removeItem(draftKey)),
  };

  let header = headerView(s, config.siteName, () => parent.post({ type: 'chat:close' }));
  const main = h('main');
  root.append(header.el, main);
  let current: View | null = null;

  function show(next: View): void {
    current = next;
    main.replaceChildren(next.view.el);
    if (unread.isOpen) next.view.focus();
  }

  function render(): void {
    const state = session.state;
    const conversation = state.conversation;
    header.setAgent(
      conversation?.status === 'open' || conversation?.status === 'resolved' ? conversation.agentName : null,
      conversation?.status === 'resolved',
    );
    if (state.phase === 'prechat') {
      if (current?.kind !== 'prechat') {
        show({ kind: 'prechat', view: prechatView(s, config.greeting, config.emailRequired, (name, email) => session.register(name, email), config.typicalReplySeconds) });
      }
      if (current?.kind === 'prechat') current.view.prefill(state.prefill);
      return;
    }
    if (state.phase === 'away') {
      if (current?.kind !== 'away') {
        const cancel = state.conversation ? () => session.cancelAway() : null;
        show({ kind: 'away', view: awayView(s, (name, email, text) => session.leaveMessage(name, email, text), cancel, config.maskPrivateData) });
      }
      if (current?.kind === 'away') {
        current.view.update(state.availability, {
          name: state.visitorName ?? state.prefill.name,
          email: state.visitorEmail ?? state.prefill.email,
          draft: state.draft,
        });
      }
      return;
    }
    if (current?.kind !== 'chat') {
      show({
        kind: 'chat',
        view: chatView(s, config.greeting, {
          send: (text) => session.send(text),
          input: (text) => session.typing.input(text),
          takeBack: (clientId) => session.takeBack(clientId),
          rate: (rating, comment) => session.rate(rating, comment),
          newChat: () => session.startNew(),
          kept: () => ({ siteName: config.siteName, messages: session.store.list() }),
          transcript: () => session.transcriptRequest,
          erase: async () => {
            if (!confirm(s.eraseConfirm)) return null;
            draft.save('');
            return session.erase();
          },
        }, { guardPrivateData: config.maskPrivateData, typingVisible: config.typingPreview, reviewUrl: config.reviewUrl, draft }),
      });
    }
    if (current?.kind === 'chat') current.view.update(state, session.store.list());
  }

  /** Another language: every view is built again with its strings; what the visitor typed in a form is lost only if they switch mid-form. */
  function speak(next: Strings): void {
    if (next === s) return;
    s = next;
    document.documentElement.lang = s.lang;
    session.setStrings(s);
    const fresh = headerView(s, config.siteName, () => parent.post({ type: 'chat:close' }));
    header.el.replaceWith(fresh.el);
    header = fresh;
    current = null;
    render();
    postReady();
    postUnread();
  }

  parent.listen((message) => {
    switch (message.type) {
      case 'chat:open':
        unread.setOpen(true);
        postUnread();
        current?.view.focus();
        // Someone may have come online (or left) since the page loaded.
        checkAvailability();
        return;
      case 'chat:close':
        unread.setOpen(false);
        return;
      case 'chat:identify':
        return void session.identify(message.identity);
      case 'chat:locale':
        return speak(chooseStrings(message.locale));
      case 'chat:page':
        return session.reportPage(message.url, message.title);
      case 'chat:logout':
        draft.save('');
        return session.forget();
    }
  });

  function checkAvailability(): void {
    if (session.state.phase === 'chat') return;
    void session.refreshAvailability(current?.kind !== 'away' || current.view.untouched());
  }
  // While the visitor looks at a form, an agent may come online or leave.
  setInterval(() => unread.isOpen && checkAvailability(), 30000);

  // Escape closes the chat from anywhere inside it, as it would a dialog.
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) parent.post({ type: 'chat:close' });
  });

  document.documentElement.lang = s.lang;
  postReady();
  session.start();
}
