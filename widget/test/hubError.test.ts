import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHubError } from '../src/frame/hubError';

describe('HubException parsing', () => {
  it('reads code and sentence from the SignalR client message', () => {
    const error = new Error(
      "An unexpected error occurred invoking 'Send' on the server. HubException: message_too_long: A message can be at most 4000 characters.",
    );
    assert.deepEqual(parseHubError(error), {
      code: 'message_too_long',
      sentence: 'A message can be at most 4000 characters.',
    });
  });

  it('reads a bare "code: sentence" message', () => {
    assert.deepEqual(parseHubError(new Error('conversation_closed: This chat has ended.')), {
      code: 'conversation_closed',
      sentence: 'This chat has ended.',
    });
  });

  it('keeps colons inside the sentence', () => {
    assert.deepEqual(parseHubError('HubException: rating_invalid: Rating must be 1 to 5: try again.'), {
      code: 'rating_invalid',
      sentence: 'Rating must be 1 to 5: try again.',
    });
  });

  it('treats a dropped connection as not refused (transient)', () => {
    assert.equal(parseHubError(new Error('Invocation canceled due to the underlying connection being closed.')), null);
    assert.equal(parseHubError(new Error("Cannot send data if the connection is not in the 'Connected' State.")), null);
    assert.equal(parseHubError(new Error('Error: WebSocket failed to connect.')), null);
    assert.equal(parseHubError(undefined), null);
  });
});
