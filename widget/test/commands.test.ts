import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommandRunner, replayQueue, type CommandHandlers } from '../src/loader/commands';

function recorder() {
  const calls: unknown[][] = [];
  const handlers: CommandHandlers = {
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    on: (event, fn) => calls.push(['on', event, typeof fn]),
    off: (event) => calls.push(['off', event]),
    identify: (identity) => calls.push(['identify', identity]),
    setLocale: (locale) => calls.push(['setLocale', locale]),
    logout: () => calls.push(['logout']),
  };
  const warnings: string[] = [];
  const run = createCommandRunner(handlers, (w) => warnings.push(w));
  return { calls, warnings, run };
}

describe('ChatWidget command queue', () => {
  it('replays commands pushed before load, in order', () => {
    const { calls, warnings, run } = recorder();
    const queue = [['on', 'open', () => undefined], ['identify', { name: 'Ben' }], ['setLocale', 'de'], ['open']];
    replayQueue(queue, run);
    assert.deepEqual(calls, [['on', 'open', 'function'], ['identify', { name: 'Ben' }], ['setLocale', 'de'], ['open']]);
    assert.deepEqual(warnings, []);
  });

  it('passes logout on, with nothing else', () => {
    const { calls, warnings, run } = recorder();
    replayQueue([['logout'], ['logout', 'ignored argument']], run);
    assert.deepEqual(calls, [['logout'], ['logout']]);
    assert.deepEqual(warnings, []);
  });

  it('ignores unknown commands with a warning and carries on', () => {
    const { calls, warnings, run } = recorder();
    replayQueue([['explode'], ['close'], 'open', ['on', 'nonsense', () => undefined], ['toString'], [Symbol('x')]], run);
    assert.deepEqual(calls, [['close']]);
    assert.equal(warnings.length, 5);
    assert.match(warnings[0]!, /ignored the ChatWidget command explode/);
    assert.match(warnings[2]!, /ignored the ChatWidget command on/);
  });

  it('leaves checking identify and setLocale arguments to the frame', () => {
    const { calls, warnings, run } = recorder();
    replayQueue([['identify', 'not an object'], ['setLocale', 42]], run);
    assert.deepEqual(calls, [['identify', 'not an object'], ['setLocale', 42]]);
    assert.deepEqual(warnings, []);
  });

  it('does nothing with a queue that is not an array', () => {
    const { calls, run } = recorder();
    replayQueue(undefined, run);
    replayQueue({ open: true }, run);
    assert.deepEqual(calls, []);
  });
});
