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

/** follow_up: a message left while nobody could chat; an agent answers it later. */
export type ConversationStatus = 'queued' | 'open' | 'resolved' | 'follow_up';

export interface ConversationView {
  id: string;
  status: ConversationStatus;
  agentName: string | null;
  queuePosition: number | null;
  rating: number | null;
  ratingComment: string | null;
  /** The agent has seen the conversation up to this seq. */
  seenSeq: number;
  /** While queued: a rough guide to the wait, in whole minutes. */
  expectedWaitSeconds: number | null;
  /** What the team promised to do next, open ones first. Missing from older servers. */
  nextActions?: NextActionView[];
}

/** A promise: "<ownerName> will <what> by <dueAt>"; doneAt and outcome once kept. */
export interface NextActionView {
  id: string;
  /** 'complaint': the follow-up a low rating opened; the widget words it itself. */
  kind: 'promise' | 'complaint' | 'email';
  what: string;
  ownerName: string;
  dueAt: string;
  doneAt: string | null;
  outcome: string | null;
}
