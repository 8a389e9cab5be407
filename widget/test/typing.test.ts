import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TypingNotifier, type Timers } from '../src/frame/typing';

function fakeTimers() {
  let pending: (() => void) | null = null;
  const timers: Timers = {
    set: (fn) => (pending = fn),
    clear: () => (pending = null),
  };
  return { timers, tick: () => pending?.() };
}

describe('typing preview', () => {
  it('sends at once, then at most once per interval with the latest text', () => {
    const sent: string[] = [];
    const { timers, tick } = fakeTimers();
    const typing = new TypingNotifier((t) => sent.push(t), 400, timers);
    typing.input('H');
    typing.input('He');
    typing.input('Hel');
    assert.deepEqual(sent, ['H']);
    tick();
    assert.deepEqual(sent, ['H', 'Hel']);
    tick();
    assert.deepEqual(sent, ['H', 'Hel']);
  });

  it('clears the preview when the input empties or the message is sent', () => {
    const sent: string[] = [];
    const { timers } = fakeTimers();
    const typing = new TypingNotifier((t) => sent.push(t), 400, timers);
    typing.input('Hi');
    typing.input('');
    assert.deepEqual(sent, ['Hi', '']);
    typing.stop();
    assert.deepEqual(sent, ['Hi', ''], 'no second empty preview');
    typing.input('Again');
    typing.stop();
    assert.deepEqual(sent, ['Hi', '', 'Again', '']);
  });
});
