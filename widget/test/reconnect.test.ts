import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelay } from '../src/frame/backoff';

describe('reconnect policy', () => {
  it('backs off 0, 1, 2, 5, 10 s and then keeps trying every 10 s for good', () => {
    const none = () => 0;
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50, 5000].map((n) => retryDelay(n, none)), [0, 1000, 2000, 5000, 10000, 10000, 10000, 10000]);
  });

  it('spreads reconnects by at most a fifth of the delay', () => {
    assert.equal(retryDelay(4, () => 0.999), 11998);
  });

  it('spreads the first try of everyone dropped at once over three seconds', () => {
    const firsts = [0, 0.25, 0.5, 0.75, 0.999].map((r) => retryDelay(0, () => r));
    assert.deepEqual(firsts, [0, 750, 1500, 2250, 2997]);
  });
});
