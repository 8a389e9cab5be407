import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../src/frame/config';
import { de, en } from '../src/frame/strings';

const body = (dataset: Record<string, string>) => ({ dataset }) as unknown as HTMLElement;

describe('typical first reply', () => {
  it('is read from the frame page only when the server gave a whole number of seconds', () => {
    assert.equal(readConfig(body({ typicalReply: '95' }), '').typicalReplySeconds, 95);
    assert.equal(readConfig(body({ typicalReply: '' }), '').typicalReplySeconds, null);
    assert.equal(readConfig(body({}), '').typicalReplySeconds, null);
    assert.equal(readConfig(body({ typicalReply: '1e9<script>' }), '').typicalReplySeconds, null);
  });

  it('is said in minutes, in English and German', () => {
    assert.equal(en.typicalReply(0), 'We typically reply in under a minute.');
    assert.equal(en.typicalReply(1), 'We typically reply in about a minute.');
    assert.equal(en.typicalReply(4), 'We typically reply in about 4 minutes.');
    assert.equal(de.typicalReply(0), 'Wir antworten meist in weniger als einer Minute.');
    assert.equal(de.typicalReply(1), 'Wir antworten meist in etwa einer Minute.');
    assert.equal(de.typicalReply(4), 'Wir antworten meist in etwa 4 Minuten.');
  });
});
