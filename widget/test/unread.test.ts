import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnreadCounter } from '../src/frame/unread';

describe('unread count', () => {
  it('counts agent messages only while closed and resets on open', () => {
    const unread = new UnreadCounter();
    assert.equal(unread.agentMessage(), true);
    unread.agentMessage();
    assert.equal(unread.count, 2);
    assert.equal(unread.setOpen(true), true);
    assert.equal(unread.count, 0);
    assert.equal(unread.agentMessage(), false);
    assert.equal(unread.count, 0);
  });
});
