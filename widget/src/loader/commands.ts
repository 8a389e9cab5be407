import { isWidgetEvent, type Listener, type WidgetEvent } from './emitter';

export interface CommandHandlers {
  open(): void;
  close(): void;
  on(event: WidgetEvent, fn: Listener): void;
  off(event: WidgetEvent, fn: Listener): void;
  identify(identity: object): void;
  setLocale(locale: string): void;
}

type Warn = (message: string) => void;

/**
 * Turns `['name', ...args]` entries (the shape host pages push before the
 * script has loaded) into handler calls, checking each argument because they
 * come from arbitrary page code.
 */
export function createCommandRunner(handlers: CommandHandlers, warn: Warn = console.warn) {
  return function run(command: unknown): void {
    if (!Array.isArray(command) || typeof command[0] !== 'string') {
      warn('Chat: ignored a ChatWidget command that is not an array like ["open"].');
      return;
    }
    const [name, a, b] = command as [string, unknown, unknown];
    switch (name) {
      case 'open':
        return handlers.open();
      case 'close':
        return handlers.close();
      case 'on':
      case 'off':
        if (isWidgetEvent(a) && typeof b === 'function') return handlers[name](a, b as Listener);
        return warn(`Chat: ChatWidget.${name} needs an event (open, close, message, unread) and a function.`);
      case 'identify':
        if (typeof a === 'object' && a !== null) return handlers.identify(a);
        return warn('Chat: ChatWidget.identify needs an object.');
      case 'setLocale':
        if (typeof a === 'string') return handlers.setLocale(a);
        return warn('Chat: ChatWidget.setLocale needs a string such as "en".');
      default:
        return warn(`Chat: ignored unknown ChatWidget command "${name}".`);
    }
  };
}

/** Runs commands queued before load, in the order the page pushed them. */
export function replayQueue(queue: unknown, run: (command: unknown) => void): void {
  if (Array.isArray(queue)) queue.forEach(run);
}
