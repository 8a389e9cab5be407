import { acceptMessage } from '../shared/guard';
import { readFrameMessage, type Identity, type LoaderToFrame } from '../shared/messages';
import { createCommandRunner, replayQueue } from './commands';
import type { Embed } from './embed';
import { createEmitter } from './emitter';
import { resolveFrameUrl } from './frameUrl';
import { loadOpen, saveOpen } from './openState';
import type { WidgetSettings } from './settings';
import { drawWidget } from './ui';

/** window.ChatWidget after load: open(), close(), on(), off(), identify(), setLocale(), logout(), and push() for the queue's shape. */
export type ChatWidgetApi = Record<string, (...args: unknown[]) => void>;

export function startWidget(embed: Embed, settings: WidgetSettings, queue: unknown): ChatWidgetApi {
  const frameUrl = resolveFrameUrl(settings.frameUrl, embed.host, embed.siteKey);
  // postMessage must name the frame's exact origin; normally that is the chat host itself.
  const frameOrigin = frameUrl.origin;
  const ui = drawWidget(settings, frameUrl.href);
  const emitter = createEmitter();

  let open = false;
  let frameReady = false;
  let commanded = false;
  // Messages sent before the frame listens would be lost, so they wait here.
  const waiting: LoaderToFrame[] = [];

  const post = (message: LoaderToFrame) => ui.frame.contentWindow?.postMessage(message, frameOrigin);
  const send = (message: LoaderToFrame) => (frameReady ? post(message) : waiting.push(message));

  const syncFrame = () => {
    frameReady = true;
    post({ type: open ? 'chat:open' : 'chat:close' });
    waiting.splice(0).forEach(post);
  };

  const setOpen = (next: boolean, focus = true) => {
    if (open === next) return;
    open = next;
    ui.showOpen(open);
    saveOpen(embed.siteKey, open);
    if (frameReady) post({ type: open ? 'chat:open' : 'chat:close' });
    if (open) {
      ui.showUnread(0, '');
      if (focus) ui.frame.focus();
    }
    emitter.emit(open ? 'open' : 'close');
  };

  // The page the visitor is on, for the agent. Single-page shops change the URL without
  // reloading, and no event tells us, so we look once a second; nothing else is read.
  let page = '';
  const reportPage = () => {
    if (page === location.href) return;
    page = location.href;
    send({ type: 'chat:page', url: page, title: document.title });
  };
  reportPage();
  setInterval(reportPage, 1000);

  ui.launcher.addEventListener('click', () => setOpen(!open));
  // Whichever comes first: the frame's ready message, or the load event when the
  // frame could not tell our origin and so stayed silent.
  ui.frame.addEventListener('load', syncFrame);

  window.addEventListener('message', (event) => {
    const message = acceptMessage(event, frameOrigin, ui.frame.contentWindow, readFrameMessage);
    switch (message?.type) {
      case 'chat:ready':
        ui.launcher.ariaLabel = message.label;
        return syncFrame();
      case 'chat:close':
        setOpen(false);
        // Closed from inside the chat (its close button or Escape): keyboard users land on the launcher.
        return ui.launcher.focus();
      case 'chat:unread':
        if (!open) ui.showUnread(message.count, message.label);
        return emitter.emit('unread', message.count);
      case 'chat:message':
        return emitter.emit('message', message.message);
    }
  });

  const run = createCommandRunner({
    open: () => {
      commanded = true;
      setOpen(true);
    },
    close: () => {
      commanded = true;
      setOpen(false);
    },
    on: emitter.on,
    off: emitter.off,
    // Only these four fields cross to the frame, and only as the page gave them.
    identify: (identity) => {
      const { id, name, email, hash } = Object(identity) as Identity;
      send({ type: 'chat:identify', identity: { id, name, email, hash } });
    },
    setLocale: (locale) => send({ type: 'chat:locale', locale: String(locale) }),
    // The token lives in the frame's storage: only the frame can forget it.
    logout: () => {
      setOpen(false);
      send({ type: 'chat:logout' });
    },
  });

  const api: ChatWidgetApi = { push: run };
  for (const name of ['open', 'close', 'on', 'off', 'identify', 'setLocale', 'logout']) api[name] = (...args) => run([name, ...args]);

  // Queued listeners are registered first so they also hear the restored open;
  // an explicit open/close from the page wins over the remembered state.
  replayQueue(queue, run);
  // Restoring the panel on a new page must not steal focus from the page itself.
  if (!commanded && loadOpen(embed.siteKey)) setOpen(true, false);
  return api;
}
