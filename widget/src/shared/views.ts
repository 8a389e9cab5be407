// Shapes the server sends over the visitor hub (see docs/protocol.md).

export type Sender = 'visitor' | 'agent' | 'system';

export interface MessageView {
  conversationId: string;
  clientId: string;
  seq: number;
  sender: Sender;
  senderName: string;
  text: string;
  createdAt: string;
}

export type ConversationStatus = 'queued' | 'open' | 'resolved';

export interface ConversationView {
  id: string;
  status: ConversationStatus;
  agentName: string | null;
  queuePosition: number | null;
  rating: number | null;
  ratingComment: string | null;
}
