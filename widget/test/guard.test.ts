import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptMessage } from '../src/shared/guard';
import { readFrameMessage, readLoaderMessage } from '../src/shared/messages';

const frameWindow = { name: 'frame' };
const host = 'https://chat.example';

describe('postMessage guard', () => {
  it('accepts a known message from the frame at the chat origin', () => {
    const event = { origin: host, source: frameWindow, data: { type: 'chat:unread', count: 2, label: '2 unread messages' } };
    assert.deepEqual(acceptMessage(event, host, frameWindow, readFrameMessage), { type: 'chat:unread', count: 2, label: '2 unread messages' });
  });

  it('ignores the right message from the wrong origin', () => {
    const event = { origin: 'https://evil.example', source: frameWindow, data: { type: 'chat:close' } };
    assert.equal(acceptMessage(event, host, frameWindow, readFrameMessage), null);
  });

  it('ignores the right origin from another window', () => {
    const event = { origin: host, source: { name: 'other' }, data: { type: 'chat:close' } };
    assert.equal(acceptMessage(event, host, frameWindow, readFrameMessage), null);
    assert.equal(acceptMessage({ ...event, source: null }, host, null, readFrameMessage), null);
  });

  it('ignores unknown types and malformed payloads', () => {
    const accept = (data: unknown) => acceptMessage({ origin: host, source: frameWindow, data }, host, frameWindow, readFrameMessage);
    assert.equal(accept({ type: 'chat:explode' }), null);
    assert.equal(accept({ type: 'open' }), null);
    assert.equal(accept({ type: 'chat:unread', count: 'many', label: '' }), null);
    assert.equal(accept({ type: 'chat:unread', count: 1 }), null);
    assert.equal(accept({ type: 'chat:ready', label: 7 }), null);
    assert.equal(accept('chat:close'), null);
    assert.equal(accept(null), null);
  });

  it('lets the frame accept its parent before it knows the parent origin, and only the parent', () => {
    const parent = { name: 'parent' };
    const open = { origin: 'https://shop.example', source: parent, data: { type: 'chat:open' } };
    assert.deepEqual(acceptMessage(open, null, parent, readLoaderMessage), { type: 'chat:open' });
    assert.equal(acceptMessage({ ...open, source: frameWindow }, null, parent, readLoaderMessage), null);
    assert.equal(acceptMessage({ ...open, data: { type: 'chat:unread', count: 1 } }, null, parent, readLoaderMessage), null);
  });

  it('passes the host page to the frame only as two strings', () => {
    const parent = { name: 'parent' };
    const page = (data: unknown) => acceptMessage({ origin: 'https://shop.example', source: parent, data }, null, parent, readLoaderMessage);
    assert.deepEqual(page({ type: 'chat:page', url: 'https://shop.example/mugs', title: 'Mugs' }), {
      type: 'chat:page',
      url: 'https://shop.example/mugs',
      title: 'Mugs',
    });
    assert.equal(page({ type: 'chat:page', url: 'https://shop.example/mugs' }), null);
    assert.equal(page({ type: 'chat:page', url: { href: 'x' }, title: '' }), null);
  });
});
