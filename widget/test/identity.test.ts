import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readIdentity } from '../src/frame/identity';

describe('identify() arguments', () => {
  it('keeps the four fields as strings, numbers included', () => {
    assert.deepEqual(readIdentity({ id: 42, name: ' Ben ', email: 'ben@example.com', hash: 'ab12' }), {
      id: '42',
      name: 'Ben',
      email: 'ben@example.com',
      hash: 'ab12',
      attributes: undefined,
    });
    assert.deepEqual(readIdentity({ name: 'Ben' }), { id: null, name: 'Ben', email: null, hash: null, attributes: undefined });
  });

  it('passes custom attributes on as given, for the server to check against the declared ones', () => {
    const attributes = { plan: 'pro', orders: 12, newsletter: true, old: null };
    assert.deepEqual((readIdentity({ id: '1', hash: 'ab', attributes }) as { attributes: unknown }).attributes, attributes);
  });

  it('refuses fields of the wrong type with a sentence naming the field', () => {
    assert.match(readIdentity({ id: { toString: () => 'x' } }) as string, /id must be a non-empty string/);
    assert.match(readIdentity({ id: '1', hash: ['a'] }) as string, /hash must be/);
    assert.match(readIdentity({ id: NaN }) as string, /id must be/);
  });

  it('needs at least something to go on', () => {
    assert.match(readIdentity({}) as string, /at least an id, a name or an email/);
    assert.match(readIdentity({ hash: 'ab' }) as string, /at least/);
  });
});
