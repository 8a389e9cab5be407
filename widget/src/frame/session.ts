import type { HubConnection } from '@microsoft/signalr';
import type { Identity } from '../shared/messages';
import type { ConversationView, MessageView } from '../shared/views';
import { fetchAvailability, type Availability } from './availability';
import { retryDelay } from './backoff';
import type { FrameConfig } from './config';
import { createConnection, tokenRefused } from './connection';
import type { Credentials } from './credentials';
import { visitorHub, type PageReport, type SeenEvent, type TypingEvent, type VisitorHub } from './hubApi';
import { parseHubError } from './hubError';
import { identifyVisitor, readIdentity } from './identity';
import { leaveMessage } from './leaveMessage';
import type { Outbox, OutboxItem, Outcome } from './outbox';
import { registerVisitor } from './register';
import { MessageStore } from './store';
import type { Strings } from './strings';
import { TypingNotifier } from './typing';
import { newClientId } from './uuid';
import { postJson, type TranscriptRequest } from './post';

/** prechat: who are you; away: leave a message (nobody online, or out of hours); chat: the conversation. */
export type Phase = 'prechat' | 'away' | 'chat';

export interface SessionState {
  phase: Phase;
  link: 'connecting' | 'online' | 'offline';
  visitorName: string | null;
  visitorEmail: string | null;
  /** Greeted by name rather than with the site's greeting. */
  returning: boolean;
  conversation: ConversationView | null;
  typingAgent: string | null;
  /** Null until the server has said, or when it could not: a live chat is offered then. */
  availability: Availability | null;
  /** Name and email the host page passed to identify(); they fill the forms in. */
  prefill: { name: string | null; email: string | null };
  /** Text typed into the composer when it turned out nobody was there; the away form takes it over. */
  draft: string;
}

export interface SessionEvents {
  changed(): void;
  /** An agent message the visitor has not seen yet. */
  agentMessage(message: MessageView): void;
  /** A sentence for the host page's developer, printed in the browser console. */
  warn(sentence: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const initial = (): SessionState => ({
  phase: 'prechat',
  link: 'connecting',
  visitorName: null,
  visitorEmail: null,
  returning: false,
  conversation: null,
  typingAgent: null,
  availability: null,
  prefill: { name: null, email: null },
  draft: '',
});
const RateLimitRetryMs = 20000;

/**
 * The visitor's side of the conversation: who they are, connection lifecycle, the message
 * store, the outbox and every server call. It knows nothing of the DOM; views read `state`
 * and `store` whenever `changed` fires.
 */
export class ChatSession {
  readonly store = new MessageStore();
  readonly typing: TypingNotifier;
  state: SessionState = initial();

  private connection: HubConnection | null = null;
  private hub: VisitorHub | null = null;
  /** Resume (or the first StartConversation) has run on the current connection. */
  private loaded = false;
  /** Just registered: there is nothing to resume, a conversation must be started. */
  private fresh = false;
  // Became a visitor by leaving a message just now: their conversation is no sign of a return.
  private newcomer = false;
  private resyncing = false;
  private resyncAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private page: PageReport | null = null;
  /** The away form's message and the client id it was first sent with, so a retry is stored once. */
  private away: { clientId: string; text: string } | null = null;
  /** Callers waiting for the first load on a connection (see whenLoaded). */
  private loadWaiters: (() => void)[] = [];

  constructor(
    private readonly config: FrameConfig,
    private readonly credentials: Credentials,
    private readonly outbox: Outbox,
    private strings: Strings,
    private readonly events: SessionEvents,
  ) {
    this.typing = new TypingNotifier((text) => {
      const conversation = this.state.conversation;
      if (!this.hub || this.state.link !== 'online' || !conversation || conversation.status === 'resolved') return;
      // Without the site's live preview, the text stays here: agents learn only that the visitor types.
      const sent = this.config.typingPreview || !text ? text : '…';
      this.hub.typing({ conversationId: conversation.id, text: sent }).catch(() => undefined);
    });
  }

  start(): void {
    if (this.credentials.token) {
      this.state = { ...initial(), phase: 'chat', visitorName: this.credentials.name, returning: true };
      this.connect();
    }
    this.events.changed();
    void this.refreshAvailability();
  }

  setStrings(strings: Strings): void {
    this.strings = strings;
  }

  /**
   * Asks whether anyone is there; the pre-chat form turns into the away form and back.
   * `mayLeaveAway`: the away form holds nothing typed, so it may give way to a live chat.
   */
  async refreshAvailability(mayLeaveAway = true): Promise<void> {
    const availability = await fetchAvailability(this.config.siteKey);
    const phase = this.state.phase;
    const online = availability?.online !== false;
    const back = phase === 'away' && online && mayLeaveAway && !this.credentials.token;
    const next: Phase = phase === 'prechat' && !online ? 'away' : back ? 'prechat' : phase;
    this.state = { ...this.state, availability, phase: next };
    this.events.changed();
  }

  /** The identity the host page passed; see docs/embedding.md. A refusal is warned about and changes nothing. */
  async identify(raw: Identity): Promise<void> {
    const identity = readIdentity(raw);
    if (typeof identity === 'string') return this.events.warn(identity);
    this.state = { ...this.state, prefill: { name: identity.name, email: identity.email } };
    this.events.changed();
    if (!identity.id) return;

    // New attributes are news for the server even for the same customer.
    const key = `${identity.id}\n${identity.hash ?? ''}\n${JSON.stringify(identity.attributes ?? null)}`;
    if (this.credentials.token && this.credentials.identity === key) return;
    const result = await identifyVisitor(this.config.siteKey, this.credentials.token, identity);
    if (!result.ok) return this.events.warn(result.warning);
    if (result.warning) this.events.warn(result.warning);
    const { visitor } = result;
    this.credentials.saveIdentity(key);
    if (visitor.token === this.credentials.token) {
      this.credentials.saveName(visitor.name);
      this.state = { ...this.state, visitorName: visitor.name, visitorEmail: visitor.email };
      this.events.changed();
      return;
    }
    this.becomeVisitor(visitor.token, visitor.name, visitor.email, true);
  }

  /** Returns the sentence to show next to the form, or null when the chat starts. */
  async register(name: string, email: string): Promise<string | null> {
    const result = await registerVisitor(this.config.siteKey, name, email);
    if (!result.ok) return result.detail ?? this.strings.registerFailed;
    this.credentials.save(result.visitor.token, result.visitor.name);
    this.fresh = true;
    this.state = { ...this.state, phase: 'chat', link: 'connecting', visitorName: result.visitor.name, visitorEmail: result.visitor.email };
    this.connect();
    this.events.changed();
    return null;
  }

  /** The away form. Returns the sentence to show next to it, or null once the message is stored. */
  async leaveMessage(name: string, email: string, text: string): Promise<string | null> {
    if (this.away?.text !== text) this.away = { clientId: newClientId(), text };
    const token = this.credentials.token;
    const result = await leaveMessage({ siteKey: this.config.siteKey, token, name, email, clientId: this.away.clientId, text });
    if (!result.ok) return result.detail ?? this.strings.somethingFailed;
    this.away = null;
    const { left } = result;
    if (left.token !== token) {
      this.becomeVisitor(left.token, left.name, left.email, false);
      return null;
    }
    this.state = { ...this.state, phase: 'chat', draft: '', visitorName: left.name, visitorEmail: left.email };
    // The message went by HTTP: load the conversation it landed in.
    this.loaded = false;
    void this.synchronise();
    this.events.changed();
    return null;
  }

  /** Returns a sentence when the message could not even be queued. */
  async send(text: string): Promise<string | null> {
    if (!text.trim()) return null;
    // Typed right after the pre-chat form, before the connection is up: wait for it rather than refuse.
    if (!this.loaded && this.hub && !(await this.whenLoaded(10000))) return this.strings.offline;
    let conversation = this.state.conversation;
    if (!conversation || conversation.status === 'resolved') {
      if (this.state.availability?.online === false) {
        // Nobody to chat with: the away form takes the text over, so nothing typed is lost.
        this.state = { ...this.state, phase: 'away', draft: text };
        this.events.changed();
        return null;
      }
      if (!this.hub || this.state.link !== 'online') return this.strings.offline;
      try {
        conversation = await this.hub.startConversation();
        this.showConversation(conversation, []);
      } catch (error) {
        return parseHubError(error)?.sentence ?? this.strings.somethingFailed;
      }
    }
    const item: OutboxItem = {
      clientId: newClientId(),
      conversationId: conversation.id,
      text,
      createdAt: new Date().toISOString(),
    };
    this.outbox.add(item);
    this.store.addPending({ ...item, senderName: this.state.visitorName ?? '', delivery: 'waiting' });
    this.typing.stop();
    this.events.changed();
    this.flushOutbox();
    return null;
  }

  /** Takes a refused message off the transcript and hands its text back for editing. */
  takeBack(clientId: string): string {
    const text = this.store.get(clientId)?.text ?? '';
    this.store.remove(clientId);
    this.events.changed();
    return text;
  }

  async rate(rating: number, comment: string): Promise<string | null> {
    const conversation = this.state.conversation;
    if (!this.hub || !conversation) return this.strings.offline;
    try {
      const rated = await this.hub.rate({ conversationId: conversation.id, rating, ...(comment ? { comment } : {}) });
      this.onConversation(rated);
      return null;
    } catch (error) {
      return parseHubError(error)?.sentence ?? this.strings.somethingFailed;
    }
  }

  async startNew(): Promise<string | null> {
    await this.refreshAvailability();
    if (this.state.availability?.online === false) {
      this.state = { ...this.state, phase: 'away' };
      this.events.changed();
      return null;
    }
    if (!this.hub || this.state.link !== 'online') return this.strings.offline;
    try {
      const conversation = await this.hub.startConversation();
      this.state = { ...this.state, returning: false };
      this.showConversation(conversation, []);
      void this.resync().catch(() => undefined);
      return null;
    } catch (error) {
      return parseHubError(error)?.sentence ?? this.strings.somethingFailed;
    }
  }

  /** Resolves true once the current connection has loaded the conversation, false after `ms`. */
  private whenLoaded(ms: number): Promise<boolean> {
    if (this.loaded) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.loadWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Back from the away form to the conversation, for a visitor who already has one. */
  cancelAway(): void {
    if (!this.credentials.token) return;
    this.state = { ...this.state, phase: 'chat' };
    this.events.changed();
  }

  /** The host page's URL and title, for the agent; sent now when connected, else on connect. */
  reportPage(url: string, title: string): void {
    this.page = { url, title, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    this.sendPage();
  }

  private sendPage(): void {
    const hub = this.hub;
    if (!hub || !this.page || this.state.link !== 'online') return;
    // A nicety for the agent: a server that does not know ReportPage yet must not bother the visitor.
    hub.reportPage(this.page).catch(() => undefined);
  }

  /** Starts over as another customer (an identify, or a message left from a new browser). */
  private becomeVisitor(token: string, name: string, email: string | null, returning: boolean): void {
    const old = this.connection;
    this.connection = null;
    this.hub = null;
    void old?.stop();
    // Anything still waiting belonged to the previous customer's conversation.
    this.outbox.clear();
    this.store.reset(null);
    this.credentials.save(token, name);
    this.fresh = false;
    this.newcomer = !returning;
    this.state = {
      ...initial(),
      phase: 'chat',
      visitorName: name,
      visitorEmail: email,
      returning,
      availability: this.state.availability,
      prefill: this.state.prefill,
    };
    this.connect();
    this.events.changed();
  }

  private connect(): void {
    const connection = createConnection(
      this.config.siteKey,
      () => this.credentials.token ?? '',
      (attempt) => {
        if (attempt > 0) void this.checkToken(connection);
      },
    );
    const hub = visitorHub(connection);
    hub.onMessage((message) => this.onMessage(message));
    hub.onConversation((conversation) => this.onConversation(conversation));
    hub.onTyping((event) => this.onTyping(event));
    hub.onSeen((event) => this.onSeen(event));
    hub.onResync(() => void this.synchronise());
    connection.onreconnecting(() => this.setLink('offline'));
    connection.onreconnected(() => {
      this.setLink('online');
      void this.synchronise();
    });
    this.connection = connection;
    this.hub = hub;
    this.loaded = false;
    void this.startLoop(connection);
  }

  // Automatic reconnect covers only a connection that was once up, so the first start retries here.
  private async startLoop(connection: HubConnection): Promise<void> {
    for (let attempt = 0; this.connection === connection; attempt++) {
      try {
        await connection.start();
        break;
      } catch {
        if (await this.checkToken(connection)) return;
        this.setLink('offline');
        await sleep(retryDelay(attempt));
      }
    }
    if (this.connection !== connection) return;
    this.setLink('online');
    await this.synchronise();
  }

  /** A token the server no longer knows (e.g. its database was reset) means starting over with the form. */
  private async checkToken(connection: HubConnection): Promise<boolean> {
    const token = this.credentials.token;
    if (!token || !(await tokenRefused(this.config.siteKey, token))) return false;
    if (this.connection === connection) this.forget();
    return true;
  }

  /** What the server needs to mail this conversation; the after-chat panel asks for an address when none is known. */
  get transcriptRequest(): TranscriptRequest {
    return { siteKey: this.config.siteKey, token: this.credentials.token, conversationId: this.state.conversation?.id, email: this.state.visitorEmail };
  }

  /** The visitor erases their own history: on the server, then on this browser. A visitor the server no longer knows is simply forgotten. */
  async erase(): Promise<string | null> {
    try {
      const response = await postJson('/api/visitors/erase', { siteKey: this.config.siteKey, token: this.credentials.token });
      if (!response.ok && response.status !== 404) return this.strings.somethingFailed;
    } catch {
      return this.strings.somethingFailed;
    }
    this.forget();
    return null;
  }

  /** Forgets the visitor on this browser (ChatWidget.logout(), an erasure, a token the server no longer knows). */
  forget(): void {
    const connection = this.connection;
    this.connection = null;
    this.hub = null;
    void connection?.stop();
    this.credentials.clear();
    this.outbox.clear();
    this.store.reset(null);
    this.state = { ...initial(), availability: this.state.availability, prefill: this.state.prefill };
    this.events.changed();
    void this.refreshAvailability();
  }

  private setLink(link: SessionState['link']): void {
    this.state = { ...this.state, link, typingAgent: link === 'online' ? this.state.typingAgent : null };
    this.events.changed();
  }

  private async synchronise(): Promise<void> {
    const hub = this.hub;
    if (!hub || this.state.link !== 'online') return;
    try {
      if (!this.loaded) await this.load(hub);
      else {
        // Whatever changed while offline (an agent took over, the chat was resolved) came as
        // events this connection never saw: ask for the conversation's state, then its messages.
        const conversationId = this.store.conversationId;
        if (conversationId) this.onConversation(await hub.getConversation({ conversationId }));
        await this.resync();
      }
    } catch {
      // The connection dropped mid-way; onreconnected runs this again.
      return;
    }
    this.loadWaiters.splice(0).forEach((wake) => wake());
    this.sendPage();
    this.flushOutbox();
  }

  private async load(hub: VisitorHub): Promise<void> {
    if (this.fresh) {
      this.showConversation(await hub.startConversation(), []);
      this.fresh = false;
      this.loaded = true;
      // Messages committed between the start and our store being ready (e.g. a welcome) come from here.
      await this.resync();
      return;
    }
    const state = await hub.resume();
    this.credentials.saveName(state.customer.name);
    // Someone with a conversation behind them is greeted by name, on any of their devices.
    // A newcomer whose first message was left on the away form has a conversation already, but is not back.
    const returning = this.state.returning || (state.conversation !== null && !this.newcomer);
    this.state = { ...this.state, visitorName: state.customer.name, visitorEmail: state.customer.email, returning };
    this.showConversation(state.conversation, state.messages);
    this.loaded = true;
  }

  private showConversation(conversation: ConversationView | null, history: MessageView[]): void {
    this.store.reset(conversation?.id ?? null);
    this.store.applyHistory(history, 0);
    for (const item of this.outbox.items()) {
      if (item.conversationId !== conversation?.id) continue;
      this.store.addPending({ ...item, senderName: this.state.visitorName ?? '', delivery: 'waiting' });
    }
    this.state = { ...this.state, conversation, typingAgent: null };
    this.events.changed();
  }

  private async resync(): Promise<void> {
    if (this.resyncing) {
      this.resyncAgain = true;
      return;
    }
    this.resyncing = true;
    try {
      do {
        this.resyncAgain = false;
        const hub = this.hub;
        const conversationId = this.store.conversationId;
        if (!hub || !conversationId) return;
        const afterSeq = this.store.lastSeq;
        const views = await hub.getMessages({ conversationId, afterSeq });
        if (this.store.conversationId !== conversationId) return;
        this.store.applyHistory(views, afterSeq).forEach((view) => this.announce(view));
        this.events.changed();
      } while (this.resyncAgain);
    } finally {
      this.resyncing = false;
    }
  }

  private flushOutbox(): void {
    const hub = this.hub;
    if (!hub || !this.loaded || this.state.link !== 'online') return;
    void this.outbox.flush((item) => this.deliver(hub, item));
  }

  private async deliver(hub: VisitorHub, item: OutboxItem): Promise<Outcome> {
    if (this.hub !== hub) return 'retry';
    this.store.setDelivery(item.clientId, 'sending');
    this.events.changed();
    try {
      const { conversationId, clientId, text } = item;
      this.onMessage(await hub.send({ conversationId, clientId, text }));
      return 'sent';
    } catch (error) {
      const refused = parseHubError(error);
      // Too fast: the message stays in the outbox with the server's sentence, and goes later by itself.
      const limited = refused?.code === 'rate_limited';
      const outcome: Outcome = refused && !limited ? 'dropped' : 'retry';
      this.store.setDelivery(item.clientId, outcome === 'dropped' ? 'failed' : 'waiting', refused?.sentence);
      this.events.changed();
      if (outcome === 'retry') this.retrySoon(limited ? RateLimitRetryMs : 5000);
      return outcome;
    }
  }

  // A failure while still connected (e.g. a server hiccup) is retried without waiting for a reconnect.
  private retrySoon(ms: number): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flushOutbox();
    }, ms);
  }

  private onMessage(view: MessageView): void {
    const received = this.store.receive(view);
    if (received.isNew) this.announce(view);
    if (view.sender === 'visitor') this.outbox.remove(view.clientId);
    // An agent's reply means they have seen everything before it; the server sends no separate "seen".
    if (view.sender === 'agent') this.onSeen({ conversationId: view.conversationId, seq: view.seq });
    this.events.changed();
    if (received.resyncAfter !== null) void this.resync().catch(() => undefined);
  }

  private announce(view: MessageView): void {
    if (view.sender === 'visitor') this.outbox.remove(view.clientId);
    if (view.sender !== 'agent') return;
    this.state = { ...this.state, typingAgent: null };
    this.events.agentMessage(view);
  }

  private onConversation(conversation: ConversationView): void {
    const current = this.state.conversation;
    if (current && current.id !== conversation.id) {
      // Another tab started a new chat: follow it, but never step back to an older one.
      if (current.status !== 'resolved' || conversation.status === 'resolved') return;
      this.showConversation(conversation, []);
      void this.resync().catch(() => undefined);
      return;
    }
    if (!current) {
      this.showConversation(conversation, []);
      void this.resync().catch(() => undefined);
      return;
    }
    const typingAgent = conversation.status === 'open' ? this.state.typingAgent : null;
    // A "seen" event may have come before this view of the conversation was made.
    const seenSeq = Math.max(conversation.seenSeq ?? 0, current.seenSeq ?? 0);
    this.state = { ...this.state, conversation: { ...conversation, seenSeq }, typingAgent };
    if (conversation.status === 'resolved') this.typing.stop();
    this.events.changed();
  }

  private onSeen(event: SeenEvent): void {
    const conversation = this.state.conversation;
    if (!conversation || conversation.id !== event.conversationId || (conversation.seenSeq ?? 0) >= event.seq) return;
    this.state = { ...this.state, conversation: { ...conversation, seenSeq: event.seq } };
    this.events.changed();
  }

  private onTyping(event: TypingEvent): void {
    if (event.conversationId !== this.state.conversation?.id) return;
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    // A lost "stopped typing" event must not leave the indicator up for good.
    this.typingTimer = event.isTyping ? setTimeout(() => this.onTyping({ ...event, isTyping: false }), 15000) : null;
    this.state = { ...this.state, typingAgent: event.isTyping ? event.agentName : null };
    this.events.changed();
  }
}
