import { en, locales, type Strings } from './strings';

/**
 * The language to speak: the one the host page asked for with setLocale, else the
 * visitor's first browser language we have, else English. "de-AT" counts as German.
 */
export function chooseLocale(requested: string | null, browser: readonly string[]): Strings {
  for (const tag of [requested ?? '', ...browser]) {
    const found = locales[tag.toLowerCase().split(/[-_]/)[0] ?? ''];
    if (found) return found;
  }
  return en;
}

/** "on Monday at 09:00" style wording for when the team is back, in the visitor's language and time zone. */
export function formatWhen(when: Date, s: Strings, now = new Date()): string {
  const time = new Intl.DateTimeFormat(s.lang, { hour: 'numeric', minute: '2-digit' }).format(when);
  if (when.toDateString() === now.toDateString()) return s.whenToday(time);
  return s.whenDay(new Intl.DateTimeFormat(s.lang, { weekday: 'long' }).format(when), time);
}
