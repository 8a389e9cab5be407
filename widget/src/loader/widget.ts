import { acceptMessage } from '../shared/guard';
import { readFrameMessage, type Identity, type LoaderToFrame } from '../shared/messages';
import { createCommandRunner, replayQueue } from './commands';
import type { Embed } from './embed';
import { createEmitter, type Listener, type WidgetEvent } from './emitter';
import { resolveFrameUrl } from './frameUrl';
import { loadOpen, saveOpen } from './openState';
import type { WidgetSettings } from './settings';
import { drawWidget } from './ui';

export interface ChatWidgetApi {
  open(): void;
  close(): void;
  on(event: WidgetEvent, fn: Listener): void;
  off(event: WidgetEvent, fn: Listener): void;
  identify(identity: Identity): void;
  setLocale(locale: string): void;
  push(command: unknown): void;
}

export function startWidget(embed: Embed, settings: WidgetSettings, queue: unknown): ChatWidgetApi {
  const frameUrl = resolveFrameUrl(settings.frameUrl, embed.host, embed.siteKey);
  // postMessage must name the frame's exact origin; normally that is the chat host itself.
  const frameOrigin = frameUrl.origin;
  const ui = drawWidget(settings.color, frameUrl.href, settings.name || 'Chat');
  const emitter = createEmitter();

  let open = false;
  let frameReady = false;
  let commanded = false;
  // Identify/locale sent before the frame listens would be lost, so they wait here.
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
      ui.showUnread(0);
      if (focus) ui.frame.focus();
    }
    emitter.emit(open ? 'open' : 'close');
  };

  ui.onLauncherClick(() => setOpen(!open));
  // Whichever comes first: the frame's ready message, or the load event when the
  // frame could not tell our origin and so stayed silent.
  ui.frame.addEventListener('load', syncFrame);

  window.addEventListener('message', (event) => {
    const message = acceptMessage(event, frameOrigin, ui.frame.contentWindow, readFrameMessage);
    switch (message?.type) {
      case 'chat:ready':
        return syncFrame();
      case 'chat:close':
        return setOpen(false);
      case 'chat:unread':
        if (!open) ui.showUnread(message.count);
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
    identify: (identity) => send({ type: 'chat:identify', identity }),
    setLocale: (locale) => send({ type: 'chat:locale', locale }),
  });

  const api: ChatWidgetApi = {
    open: () => run(['open']),
    close: () => run(['close']),
    on: (event, fn) => run(['on', event, fn]),
    off: (event, fn) => run(['off', event, fn]),
    identify: (identity) => run(['identify', identity]),
    setLocale: (locale) => run(['setLocale', locale]),
    push: run,
  };

  // Queued listeners are registered first so they also hear the restored open;
  // an explicit open/close from the page wins over the remembered state.
  replayQueue(queue, run);
  // Restoring the panel on a new page must not steal focus from the page itself.
  if (!commanded && loadOpen(embed.siteKey)) setOpen(true, false);
  return api;
}
