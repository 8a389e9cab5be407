import type { HubConnection } from '@microsoft/signalr';
import type { ConversationView, MessageView } from '../shared/views';

export interface VisitorState {
  customer: { id: string; name: string; email: string | null };
  conversation: ConversationView | null;
  messages: MessageView[];
}

export interface SeenEvent {
  conversationId: string;
  seq: number;
}

export interface PageReport {
  url: string;
  title: string;
  timeZone: string;
}

export interface TypingEvent {
  conversationId: string;
  agentName: string;
  isTyping: boolean;
}

/** Typed calls of the visitor hub; names and shapes follow docs/protocol.md exactly. */
export function visitorHub(connection: HubConnection) {
  return {
    resume: () => connection.invoke<VisitorState>('Resume'),
    startConversation: () => connection.invoke<ConversationView>('StartConversation'),
    send: (request: { conversationId: string; clientId: string; text: string }) =>
      connection.invoke<MessageView>('Send', request),
    getConversation: (request: { conversationId: string }) =>
      connection.invoke<ConversationView>('GetConversation', request),
    getMessages: (request: { conversationId: string; afterSeq: number }) =>
      connection.invoke<MessageView[]>('GetMessages', request),
    typing: (request: { conversationId: string; text: string }) => connection.invoke<void>('Typing', request),
    rate: (request: { conversationId: string; rating: number; comment?: string }) =>
      connection.invoke<ConversationView>('Rate', request),
    reportPage: (request: PageReport) => connection.invoke<void>('ReportPage', request),
    onMessage: (fn: (message: MessageView) => void) => connection.on('message', fn),
    onTyping: (fn: (event: TypingEvent) => void) => connection.on('typing', fn),
    onConversation: (fn: (conversation: ConversationView) => void) => connection.on('conversation', fn),
    onSeen: (fn: (event: SeenEvent) => void) => connection.on('seen', fn),
    /** The server dropped events for this connection (it fell behind): read everything again. */
    onResync: (fn: () => void) => connection.on('resync', fn),
  };
}

export type VisitorHub = ReturnType<typeof visitorHub>;
