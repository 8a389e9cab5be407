import type { MessageView, Sender } from '../shared/views';

/** sent: committed on the server; sending: in flight; waiting: in the outbox until the connection is back; failed: refused. */
export type Delivery = 'sent' | 'sending' | 'waiting' | 'failed';

export interface ChatMessage {
  clientId: string;
  /** Null until the server has committed the message. */
  seq: number | null;
  sender: Sender;
  senderName: string;
  text: string;
  createdAt: string;
  delivery: Delivery;
  error?: string;
}

export interface Received {
  /** False when the message was already shown (a retry, an echo, or our own optimistic copy). */
  isNew: boolean;
  /** Set when a gap showed up: fetch everything after this seq. */
  resyncAfter: number | null;
}

/**
 * The transcript of one conversation: deduped by clientId, ordered by seq,
 * with the visitor's not-yet-committed messages after the committed ones.
 * `lastSeq` is the highest seq below which nothing is missing, which is what
 * a resync must ask from.
 */
export class MessageStore {
  private readonly messages = new Map<string, ChatMessage>();
  private readonly heldSeqs = new Set<number>();
  private _lastSeq = 0;
  private _conversationId: string | null = null;

  get lastSeq(): number {
    return this._lastSeq;
  }

  get conversationId(): string | null {
    return this._conversationId;
  }

  reset(conversationId: string | null): void {
    this.messages.clear();
    this.heldSeqs.clear();
    this._lastSeq = 0;
    this._conversationId = conversationId;
  }

  get(clientId: string): ChatMessage | undefined {
    return this.messages.get(clientId);
  }

  addPending(message: Omit<ChatMessage, 'seq' | 'sender'>): void {
    if (this.messages.has(message.clientId)) return;
    this.messages.set(message.clientId, { ...message, seq: null, sender: 'visitor' });
  }

  setDelivery(clientId: string, delivery: Delivery, error?: string): void {
    const message = this.messages.get(clientId);
    // A committed message never goes back to pending, whatever a late callback says.
    if (!message || message.seq !== null) return;
    this.messages.set(clientId, { ...message, delivery, ...(error ? { error } : { error: undefined }) });
  }

  remove(clientId: string): void {
    const message = this.messages.get(clientId);
    if (message?.seq == null) this.messages.delete(clientId);
  }

  /** A live message: from an event or an acknowledgement. */
  receive(view: MessageView): Received {
    if (view.conversationId !== this._conversationId) return { isNew: false, resyncAfter: null };
    const isNew = this.put(view);
    this.advance();
    return { isNew, resyncAfter: view.seq > this._lastSeq ? this._lastSeq : null };
  }

  /**
   * Everything the server holds after `afterSeq` (Resume or GetMessages), so
   * once merged no gap remains up to the highest seq in it. Returns the messages that were new.
   */
  applyHistory(views: readonly MessageView[], afterSeq: number): MessageView[] {
    const added: MessageView[] = [];
    let highest = afterSeq;
    for (const view of views) {
      if (view.conversationId !== this._conversationId) continue;
      if (this.put(view)) added.push(view);
      highest = Math.max(highest, view.seq);
    }
    if (afterSeq <= this._lastSeq) this._lastSeq = Math.max(this._lastSeq, highest);
    this.advance();
    return added.sort((a, b) => a.seq - b.seq);
  }

  list(): ChatMessage[] {
    const all = [...this.messages.values()];
    const committed = all.filter((m) => m.seq !== null).sort((a, b) => a.seq! - b.seq!);
    return committed.concat(all.filter((m) => m.seq === null));
  }

  private put(view: MessageView): boolean {
    const existing = this.messages.get(view.clientId);
    if (existing?.seq != null) return false;
    this.messages.set(view.clientId, { ...view, delivery: 'sent' });
    this.heldSeqs.add(view.seq);
    return !existing;
  }

  private advance(): void {
    while (this.heldSeqs.has(this._lastSeq + 1)) this._lastSeq++;
  }
}
