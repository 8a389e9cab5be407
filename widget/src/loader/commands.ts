import { isWidgetEvent, type Listener, type WidgetEvent } from './emitter';

export interface CommandHandlers {
  open(): void;
  close(): void;
  on(event: WidgetEvent, fn: Listener): void;
  off(event: WidgetEvent, fn: Listener): void;
  /** Checked by the frame, which warns about a bad identity itself. */
  identify(identity: unknown): void;
  setLocale(locale: unknown): void;
  /** Forgets the visitor on this browser: for the shop's own sign-out on a shared computer. */
  logout(): void;
}

type Warn = (message: string) => void;

/**
 * Turns `['name', ...args]` entries (the shape host pages push before the
 * script has loaded) into handler calls. They come from arbitrary page code,
 * so anything unexpected is ignored with a warning, never thrown.
 */
export function createCommandRunner(handlers: CommandHandlers, warn: Warn = console.warn) {
  return function run(command: unknown): void {
    const [name, a, b] = Array.isArray(command) ? (command as unknown[]) : [];
    switch (name) {
      case 'open':
      case 'close':
      case 'logout':
        return handlers[name]();
      case 'on':
      case 'off':
        if (isWidgetEvent(a) && typeof b === 'function') return handlers[name](a, b as Listener);
        break;
      case 'identify':
      case 'setLocale':
        return handlers[name](a);
    }
    warn(`Chat: ignored the ChatWidget command ${String(name)}; see docs/embedding.md for the commands and their arguments.`);
  };
}

/** Runs commands queued before load, in the order the page pushed them. */
export function replayQueue(queue: unknown, run: (command: unknown) => void): void {
  if (Array.isArray(queue)) queue.forEach(run);
}
