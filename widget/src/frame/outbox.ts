import type { StorageLike } from './storage';

export interface OutboxItem {
  clientId: string;
  conversationId: string;
  text: string;
  createdAt: string;
}

/** sent: acknowledged; dropped: refused for good; retry: try again later (e.g. offline). */
export type Outcome = 'sent' | 'dropped' | 'retry';

/**
 * Messages not yet acknowledged by the server. Kept in storage so they survive
 * a reload or a closed tab, and always re-sent with their original clientId so
 * the server never stores one twice. Reads storage on every step so tabs
 * sharing it see each other's changes.
 */
export class Outbox {
  private running: Promise<void> | null = null;

  constructor(
    private readonly storage: StorageLike,
    private readonly key: string,
  ) {}

  items(): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  add(item: OutboxItem): void {
    const items = this.items();
    if (!items.some((i) => i.clientId === item.clientId)) this.save([...items, item]);
  }

  remove(clientId: string): void {
    const items = this.items();
    const left = items.filter((i) => i.clientId !== clientId);
    if (left.length !== items.length) this.save(left);
  }

  clear(): void {
    this.storage.removeItem(this.key);
  }

  /**
   * Sends items one at a time, oldest first, so the conversation keeps the
   * order they were typed in; stops at the first one that must wait. A call
   * while a flush runs joins it: items added meanwhile are picked up by that run.
   */
  flush(send: (item: OutboxItem) => Promise<Outcome>): Promise<void> {
    // Starting in a microtask lets `running` be set before the first send, even if that send flushes again.
    this.running ??= Promise.resolve()
      .then(() => this.drain(send))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async drain(send: (item: OutboxItem) => Promise<Outcome>): Promise<void> {
    // Remembering what this run handled keeps a storage that refuses writes from looping forever.
    const handled = new Set<string>();
    const next = () => this.items().find((i) => !handled.has(i.clientId));
    for (let item = next(); item; item = next()) {
      if ((await send(item)) === 'retry') return;
      handled.add(item.clientId);
      this.remove(item.clientId);
    }
  }

  private save(items: OutboxItem[]): void {
    if (items.length) this.storage.setItem(this.key, JSON.stringify(items));
    else this.storage.removeItem(this.key);
  }
}
