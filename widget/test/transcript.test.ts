import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initials } from '../src/frame/avatar';
import { lastSeenClientId } from '../src/frame/seen';
import type { ChatMessage } from '../src/frame/store';
import { de, en } from '../src/frame/strings';
import { transcriptFileName, transcriptText } from '../src/frame/transcript';

const message = (seq: number | null, sender: ChatMessage['sender'], text: string, clientId = `c${seq}`): ChatMessage => ({
  clientId,
  seq,
  sender,
  senderName: sender === 'agent' ? 'Alex Admin' : 'Ana Lima',
  text,
  createdAt: '2025-03-10T14:05:00Z',
  delivery: seq === null ? 'waiting' : 'sent',
});

describe('transcript', () => {
  it('lists committed messages with time and author, the visitor as "You", text as typed', () => {
    const text = transcriptText(
      'Demo Shop',
      [message(1, 'visitor', 'Hi <b>there</b>'), message(2, 'agent', 'Hello Ana!'), message(null, 'visitor', 'not sent yet', 'p')],
      en,
      'UTC',
    );
    assert.equal(text.split('\n')[0], 'Chat with Demo Shop');
    assert.match(text, /\] You:\nHi <b>there<\/b>/);
    assert.match(text, /\] Alex Admin:\nHello Ana!/);
    assert.match(text, /Mar 10, 2025/);
    assert.doesNotMatch(text, /not sent yet/);
  });

  it('speaks the visitor language', () => {
    const text = transcriptText('Demo Shop', [message(1, 'visitor', 'Hallo')], de, 'UTC');
    assert.match(text, /^Chat mit Demo Shop/);
    assert.match(text, /\] Sie:\nHallo/);
  });

  it('names the file by date', () => {
    assert.equal(transcriptFileName(new Date('2025-03-10T23:00:00Z')), 'chat-2025-03-10.txt');
  });
});

describe('seen receipts', () => {
  it('marks the last visitor message at or below the agent\'s mark', () => {
    const messages = [message(1, 'visitor', 'a'), message(2, 'agent', 'b'), message(3, 'visitor', 'c'), message(4, 'visitor', 'd'), message(null, 'visitor', 'e', 'p')];
    assert.equal(lastSeenClientId(messages, 0), null);
    assert.equal(lastSeenClientId(messages, 2), 'c1');
    assert.equal(lastSeenClientId(messages, 3), 'c3');
    assert.equal(lastSeenClientId(messages, 99), 'c4');
  });
});

describe('agent avatar', () => {
  it('shows up to two initials', () => {
    assert.equal(initials('Alex Admin'), 'AA');
    assert.equal(initials('  maria  de la cruz '), 'MC');
    assert.equal(initials('Zoë'), 'Z');
    assert.equal(initials('Łukasz Żak'), 'ŁŻ');
    assert.equal(initials(''), '?');
  });
});
