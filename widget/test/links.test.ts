import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLinks } from '../src/frame/links';

describe('links in message text', () => {
  it('makes http and https links clickable and leaves trailing punctuation out', () => {
    assert.deepEqual(splitLinks('See https://shop.example/a?b=1. Thanks'), [
      { text: 'See ' },
      { text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
      { text: '. Thanks' },
    ]);
  });

  it('never links other schemes and keeps markup as plain text', () => {
    assert.deepEqual(splitLinks('javascript:alert(1) <b>hi</b>'), [{ text: 'javascript:alert(1) <b>hi</b>' }]);
    assert.deepEqual(splitLinks('data:text/html,x'), [{ text: 'data:text/html,x' }]);
  });
});
