import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promiseText } from '../src/frame/promises';
import { de, en } from '../src/frame/strings';

const now = new Date(2030, 0, 7, 9, 0);
const action = { id: 'a', kind: 'promise' as const, what: 'email you the tracking number', ownerName: 'Alex', dueAt: new Date(2030, 0, 7, 15, 0).toISOString(), doneAt: null, outcome: null };

describe('promises', () => {
  it('says who will do what by when, in the visitor language', () => {
    assert.equal(promiseText(action, en, now), 'Alex will email you the tracking number by 3:00 PM today.');
    assert.equal(promiseText(action, de, now), 'Alex kümmert sich darum, bis heute 15:00 Uhr: email you the tracking number.');
  });

  it('names the day when it is not today', () => {
    const later = { ...action, dueAt: new Date(2030, 0, 9, 10, 30).toISOString() };
    assert.equal(promiseText(later, en, now), 'Alex will email you the tracking number by 10:30 AM on Wednesday, January 9.');
  });

  it('words the follow-up of a complaint itself', () => {
    const complaint = { ...action, kind: 'complaint' as const, what: 'follow up on your feedback' };
    assert.equal(promiseText(complaint, en, now), 'Alex will get back to you about this by 3:00 PM today.');
    assert.equal(promiseText(complaint, de, now), 'Alex meldet sich dazu bei Ihnen, bis heute 15:00 Uhr.');
  });

  it('says the answer comes by email when the agent took the chat to email', () => {
    const moved = { ...action, kind: 'email' as const, what: 'email you the answer' };
    assert.equal(promiseText(moved, en, now), 'Alex will email you the answer by 3:00 PM today. We will write to you by email.');
    assert.equal(promiseText(moved, de, now), 'Alex kümmert sich darum, bis heute 15:00 Uhr: email you the answer. Wir schreiben Ihnen per E-Mail.');
  });

  it('says what was done once kept', () => {
    const kept = { ...action, doneAt: new Date(2030, 0, 7, 14, 0).toISOString(), outcome: 'Sent it: 1Z999AA1' };
    assert.equal(promiseText(kept, en, now), 'Done: Sent it: 1Z999AA1 (Alex)');
    assert.equal(promiseText(kept, de, now), 'Erledigt: Sent it: 1Z999AA1 (Alex)');
  });
});
