export type WidgetEvent = 'open' | 'close' | 'message' | 'unread';
export type Listener = (payload?: unknown) => void;

const events: readonly string[] = ['open', 'close', 'message', 'unread'];

export function isWidgetEvent(name: unknown): name is WidgetEvent {
  return typeof name === 'string' && events.includes(name);
}

export function createEmitter() {
  const listeners = new Map<WidgetEvent, Set<Listener>>();
  return {
    on(event: WidgetEvent, fn: Listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
    },
    off(event: WidgetEvent, fn: Listener) {
      listeners.get(event)?.delete(fn);
    },
    emit(event: WidgetEvent, payload?: unknown) {
      listeners.get(event)?.forEach((fn) => {
        // A failing host page listener must not stop the widget or other listeners.
        try {
          fn(payload);
        } catch (error) {
          console.error(error);
        }
      });
    },
  };
}
