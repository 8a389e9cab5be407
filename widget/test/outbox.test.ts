import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Outbox, type OutboxItem, type Outcome } from '../src/frame/outbox';
import type { StorageLike } from '../src/frame/storage';

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const key = 'chat:site:outbox';
const item = (clientId: string): OutboxItem => ({ clientId, conversationId: 'c1', text: clientId, createdAt: 'now' });

describe('outbox', () => {
  it('survives a reload through storage', () => {
    const storage = new MemoryStorage();
    new Outbox(storage, key).add(item('a'));
    assert.deepEqual(new Outbox(storage, key).items(), [item('a')]);
  });

  it('sends in the order typed and empties on acknowledgement', async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, key);
    ['a', 'b', 'c'].forEach((id) => outbox.add(item(id)));
    const sent: string[] = [];
    await outbox.flush(async (i) => {
      sent.push(i.clientId);
      return 'sent';
    });
    assert.deepEqual(sent, ['a', 'b', 'c']);
    assert.deepEqual(outbox.items(), []);
    assert.equal(storage.getItem(key), null);
  });

  it('keeps everything from the first transient failure and retries with the same clientId', async () => {
    const outbox = new Outbox(new MemoryStorage(), key);
    ['a', 'b', 'c'].forEach((id) => outbox.add(item(id)));
    const attempts: string[] = [];
    let online = true;
    const send = async (i: OutboxItem): Promise<Outcome> => {
      attempts.push(i.clientId);
      if (i.clientId === 'b' && online) {
        online = false;
        return 'retry';
      }
      return 'sent';
    };

    await outbox.flush(send);
    assert.deepEqual(attempts, ['a', 'b']);
    assert.deepEqual(outbox.items().map((i) => i.clientId), ['b', 'c']);

    await outbox.flush(send);
    assert.deepEqual(attempts, ['a', 'b', 'b', 'c']);
    assert.deepEqual(outbox.items(), []);
  });

  it('drops a message the server refused and goes on with the rest', async () => {
    const outbox = new Outbox(new MemoryStorage(), key);
    ['a', 'b'].forEach((id) => outbox.add(item(id)));
    const sent: string[] = [];
    await outbox.flush(async (i) => {
      sent.push(i.clientId);
      return i.clientId === 'a' ? 'dropped' : 'sent';
    });
    assert.deepEqual(sent, ['a', 'b']);
    assert.deepEqual(outbox.items(), []);
  });

  it('sends a message added during a flush in the same run, once', async () => {
    const outbox = new Outbox(new MemoryStorage(), key);
    outbox.add(item('a'));
    const sent: string[] = [];
    const send = async (i: OutboxItem): Promise<Outcome> => {
      sent.push(i.clientId);
      if (i.clientId === 'a') {
        outbox.add(item('b'));
        void outbox.flush(send);
      }
      return 'sent';
    };
    await outbox.flush(send);
    assert.deepEqual(sent, ['a', 'b']);
  });

  it('removes an item by clientId once acknowledged elsewhere', () => {
    const outbox = new Outbox(new MemoryStorage(), key);
    ['a', 'b'].forEach((id) => outbox.add(item(id)));
    outbox.remove('a');
    assert.deepEqual(outbox.items().map((i) => i.clientId), ['b']);
  });

  it('does not loop when storage refuses writes', async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, key);
    outbox.add(item('a'));
    storage.removeItem = () => undefined;
    storage.setItem = () => undefined;
    let calls = 0;
    await outbox.flush(async () => {
      calls++;
      return 'sent';
    });
    assert.equal(calls, 1);
  });
});
