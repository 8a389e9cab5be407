export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sends the live preview at most once per interval while the visitor types,
 * always ending with the latest text (trailing edge), and '' once they stop
 * or send, so the agent never sees a stale preview.
 */
export class TypingNotifier {
  private lastSent = '';
  private latest = '';
  private timer: unknown = null;

  constructor(
    private readonly notify: (text: string) => void,
    private readonly intervalMs = 400,
    private readonly timers: Timers = realTimers,
  ) {}

  input(text: string): void {
    this.latest = text;
    if (text === '') return this.stop();
    if (this.timer === null) this.fire();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.latest = '';
    if (this.lastSent !== '') this.emit('');
  }

  private fire(): void {
    if (this.latest !== this.lastSent) this.emit(this.latest);
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (this.latest !== this.lastSent && this.latest !== '') this.fire();
    }, this.intervalMs);
  }

  private emit(text: string): void {
    this.lastSent = text;
    this.notify(text);
  }
}
