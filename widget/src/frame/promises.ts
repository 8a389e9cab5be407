import type { NextActionView } from '../shared/views';
import type { Strings } from './strings';

/** The sentence a visitor reads for a promise: "Alex will email you the tracking number by 15:00 today." */
export function promiseText(action: NextActionView, s: Strings, now = new Date()): string {
  if (action.doneAt) return s.promiseKept(action.ownerName, action.outcome ?? action.what);
  const due = new Date(action.dueAt);
  const time = new Intl.DateTimeFormat(s.lang, { hour: 'numeric', minute: '2-digit' }).format(due);
  const when = due.toDateString() === now.toDateString()
    ? s.promiseToday(time)
    : s.promiseDay(new Intl.DateTimeFormat(s.lang, { weekday: 'long', day: 'numeric', month: 'long' }).format(due), time);
  if (action.kind === 'complaint') return s.complaintPromise(action.ownerName, when);
  // Taken to email: the promise, and where the answer will come.
  return s.promise(action.ownerName, action.what, when) + (action.kind === 'email' ? s.movedToEmail : '');
}
