import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseLocale, formatWhen } from '../src/frame/locale';
import { de, en, locales } from '../src/frame/strings';

describe('language', () => {
  it('takes the language the host page asked for over the browser', () => {
    assert.equal(chooseLocale('de', ['en-US']), de);
    assert.equal(chooseLocale('en', ['de-DE']), en);
  });

  it('takes the first browser language it speaks, by its primary subtag', () => {
    assert.equal(chooseLocale(null, ['fr-FR', 'de-AT', 'en']), de);
    assert.equal(chooseLocale(null, ['de_CH']), de);
    assert.equal(chooseLocale('', ['EN-gb']), en);
  });

  it('falls back to English for anything it does not speak', () => {
    assert.equal(chooseLocale('xx', ['fr', 'es']), en);
    assert.equal(chooseLocale(null, []), en);
    assert.equal(chooseLocale('__proto__', []), en);
  });

  it('has every sentence in every language', () => {
    for (const [code, strings] of Object.entries(locales)) {
      assert.deepEqual(Object.keys(strings).sort(), Object.keys(en).sort(), code);
      for (const [key, value] of Object.entries(strings)) {
        const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)('X', 'Y') : value;
        assert.ok(typeof text === 'string' && text.length > 0, `${code}.${key}`);
      }
    }
  });

  it('says when the team is back in the visitor language', () => {
    const now = new Date(2025, 2, 10, 18, 0); // a Monday evening, local time
    assert.match(formatWhen(new Date(2025, 2, 11, 9, 0), en, now), /^on Tuesday at 9:00\sAM$/);
    assert.match(formatWhen(new Date(2025, 2, 11, 9, 0), de, now), /^am Dienstag um 9:00$/);
    assert.match(formatWhen(new Date(2025, 2, 10, 20, 30), en, now), /^today at 8:30\sPM$/);
  });
});
