import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPrivateData, maskPrivateData } from '../src/frame/privateData';

// The same spellings and near-misses as the server's PrivateDataMaskTests, so both halves agree.
describe('private data', () => {
  it('masks card numbers in every spelling, keeping the last four', () => {
    for (const [text, expected] of [
      ['4111 1111 1111 1111', '•••• •••• •••• 1111'],
      ['4111-1111-1111-1111', '•••• •••• •••• 1111'],
      ['4111111111111111', '•••• •••• •••• 1111'],
      ['4111.1111.1111.1111', '•••• •••• •••• 1111'],
      ['4111  1111  1111  1111', '•••• •••• •••• 1111'],
      ['4111\u00a01111\u00a01111\u00a01111', '•••• •••• •••• 1111'],
      ['４１１１ １１１１ １１１１ １１１１', '•••• •••• •••• 1111'],
      ['3782 822463 10005', '•••• •••• •••• 0005'],
      ['my card is 4111 1111 1111 1111, exp 12/29', 'my card is •••• •••• •••• 1111, exp 12/29'],
      ['4111 1111 1111 1111 2 items', '•••• •••• •••• 1111 2 items'],
    ]) {
      assert.equal(maskPrivateData(text!), expected, text);
    }
  });

  it('masks IBANs in every spelling, keeping the last four', () => {
    for (const [text, expected] of [
      ['DE89 3704 0044 0532 0130 00', '•••• •••• •••• •••• 3000'],
      ['de89370400440532013000', '•••• •••• •••• •••• 3000'],
      ['GB82 WEST 1234 5698 7654 32', '•••• •••• •••• •••• 5432'],
      ['Bitte an DE89 3704 0044 0532 0130 00, danke!', 'Bitte an •••• •••• •••• •••• 3000, danke!'],
    ]) {
      assert.equal(maskPrivateData(text!), expected, text);
    }
    assert.equal(findPrivateData('IBAN DE89 3704 0044 0532 0130 00')[0]?.kind, 'iban');
  });

  it('leaves near-misses alone', () => {
    for (const text of [
      '4111 1111 1111 1112',
      '4111 1111 1111',
      '41111111111111111111',
      'Call +49 30 1234 5678 90',
      'Order 2024-0815-4471 shipped',
      'DE88 3704 0044 0532 0130 00',
      'DE89 3704 0044 0532 0130',
      'ADE89370400440532013000',
      'Hello!',
    ]) {
      assert.deepEqual(findPrivateData(text), [], text);
      assert.equal(maskPrivateData(text), text);
    }
  });

  it('masking masked text changes nothing', () => {
    const once = maskPrivateData('4111 1111 1111 1111 and DE89 3704 0044 0532 0130 00');
    assert.equal(maskPrivateData(once), once);
  });
});
