import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageStore } from '../src/frame/store';
import type { MessageView } from '../src/shared/views';

const conversationId = 'c1';
const view = (seq: number, clientId = `id-${seq}`, sender: MessageView['sender'] = 'agent'): MessageView => ({
  conversationId,
  clientId,
  seq,
  sender,
  senderName: sender === 'agent' ? 'Anna' : 'Ben',
  text: `message ${seq}`,
  createdAt: '2025-01-01T00:00:00Z',
});

function store(): MessageStore {
  const s = new MessageStore();
  s.reset(conversationId);
  return s;
}

const seqs = (s: MessageStore) => s.list().map((m) => m.seq);

describe('message store', () => {
  it('shows a message delivered twice only once', () => {
    const s = store();
    assert.equal(s.receive(view(1)).isNew, true);
    assert.equal(s.receive(view(1)).isNew, false);
    s.applyHistory([view(1)], 0);
    assert.equal(s.list().length, 1);
  });

  it('orders by seq when events arrive out of order', () => {
    const s = store();
    s.receive(view(2));
    s.receive(view(1));
    s.receive(view(3));
    assert.deepEqual(seqs(s), [1, 2, 3]);
    assert.equal(s.lastSeq, 3);
  });

  it('asks to resync from the last contiguous seq when a gap shows up', () => {
    const s = store();
    assert.equal(s.receive(view(1)).resyncAfter, null);
    assert.equal(s.receive(view(2)).resyncAfter, null);
    assert.equal(s.receive(view(5)).resyncAfter, 2);
    assert.equal(s.lastSeq, 2);

    const added = s.applyHistory([view(3), view(4), view(5)], 2);
    assert.deepEqual(added.map((m) => m.seq), [3, 4]);
    assert.deepEqual(seqs(s), [1, 2, 3, 4, 5]);
    assert.equal(s.lastSeq, 5);
    assert.equal(s.receive(view(6)).resyncAfter, null);
  });

  it('trusts full history even when it does not start at 1', () => {
    const s = store();
    s.applyHistory([view(7), view(8)], 0);
    assert.equal(s.lastSeq, 8);
    assert.equal(s.receive(view(9)).resyncAfter, null);
  });

  it('replaces the optimistic copy with the acknowledged message', () => {
    const s = store();
    s.receive(view(1));
    s.addPending({ clientId: 'mine', senderName: 'Ben', text: 'hello', createdAt: 'now', delivery: 'sending' });
    assert.deepEqual(
      s.list().map((m) => [m.clientId, m.seq, m.delivery]),
      [
        ['id-1', 1, 'sent'],
        ['mine', null, 'sending'],
      ],
    );

    const ack = { ...view(2, 'mine', 'visitor'), text: 'hello' };
    assert.equal(s.receive(ack).isNew, false);
    assert.deepEqual(
      s.list().map((m) => [m.clientId, m.seq, m.delivery]),
      [
        ['id-1', 1, 'sent'],
        ['mine', 2, 'sent'],
      ],
    );
    // A late failure callback must not turn a committed message back into a failed one.
    s.setDelivery('mine', 'failed', 'nope');
    assert.equal(s.get('mine')?.delivery, 'sent');
  });

  it('keeps pending messages after every committed one', () => {
    const s = store();
    s.addPending({ clientId: 'a', senderName: 'Ben', text: 'first', createdAt: 'now', delivery: 'waiting' });
    s.receive(view(1));
    assert.deepEqual(s.list().map((m) => m.clientId), ['id-1', 'a']);
  });

  it('ignores messages of another conversation', () => {
    const s = store();
    const other = { ...view(1), conversationId: 'c2' };
    assert.deepEqual(s.receive(other), { isNew: false, resyncAfter: null });
    assert.equal(s.list().length, 0);
  });
});
