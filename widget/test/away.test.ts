import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { de, en } from '../src/frame/strings';
import { awayIntro, followUpText } from '../src/frame/views/away';
import { queueText } from '../src/frame/views/chat';

describe('nobody there', () => {
  it('says nobody is online, and that the answer comes by email when someone is back', () => {
    assert.deepEqual(awayIntro(en, { online: false, openNow: true, nextOpen: null }), [en.awayNobody, en.awayReplyNobody]);
    assert.deepEqual(awayIntro(en, null), [en.awayNobody, en.awayReplyNobody]);
  });

  it('out of hours, says when the team is back', () => {
    const now = new Date(2025, 2, 15, 12, 0); // Saturday noon, local time
    const monday = new Date(2025, 2, 17, 9, 0).toISOString();
    const [why, when] = awayIntro(en, { online: false, openNow: false, nextOpen: monday }, now);
    assert.match(why!, /^We are closed now and back on Monday at 9:00\sAM\.$/);
    assert.match(when!, /^We will answer by email when we are back, on Monday at 9:00\sAM\.$/);
  });
});

describe('a message left', () => {
  it('says once, in one sentence, where and when the answer comes', () => {
    const nobody = { online: false, openNow: true, nextOpen: null };
    assert.equal(followUpText(en, 'ana@example.com', nobody), 'We have your message and will answer by email at ana@example.com as soon as someone is back.');
    assert.equal(followUpText(de, 'ana@example.com', nobody), 'Wir haben Ihre Nachricht und antworten per E-Mail an ana@example.com, sobald jemand zurück ist.');
    assert.equal(followUpText(en, null, nobody), en.awayReplyNobody);
  });

  it('out of hours, says when the team is back', () => {
    const now = new Date(2025, 2, 15, 12, 0); // Saturday noon, local time
    const monday = new Date(2025, 2, 17, 9, 0).toISOString();
    const text = followUpText(en, 'ana@example.com', { online: false, openNow: false, nextOpen: monday }, now);
    assert.match(text, /^We have your message and will answer by email at ana@example\.com when we are back, on Monday at 9:00\sAM\.$/);
  });
});

describe('place in line', () => {
  it('shows the place and the expected wait in minutes', () => {
    assert.equal(queueText(en, 2, 240), 'You are number 2 in line · about 4 minutes');
    assert.equal(queueText(en, 1, 60), 'You are number 1 in line · about a minute');
    assert.equal(queueText(en, null, null), en.waitingForAgent);
  });
});
