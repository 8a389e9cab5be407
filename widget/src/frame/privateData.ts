// The widget's half of the privacy guard: it spots card numbers (Luhn-valid, 13 to 19 digits) and
// IBANs (mod-97 valid, each country's own length) so the visitor is warned before sending, and
// "Send hidden" masks them before they leave the browser. The server masks again whatever
// arrives (server/Privacy), with the same rules; this copy only spares the number the trip.

export interface PrivateMatch {
  start: number;
  end: number;
  kind: 'card' | 'iban';
  lastFour: string;
}

const cardMask = '•••• •••• •••• ';
const ibanMask = '•••• •••• •••• •••• ';
// Country code and IBAN length, from the SWIFT IBAN registry.
const ibanLengths = new Map(
  ('AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27' +
    'GB22GE22GI23GL18GR27GT28HN28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27MD24ME22' +
    'MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28' +
    'TL23TN24TR26UA29VA22VG24XK20YE30')
    .match(/.{4}/g)!
    .map((e) => [e.slice(0, 2), +e.slice(2)] as const),
);
// Spaces of every width, dashes, dots, and the plus a web address writes for a space.
const separators = /[\s+\-.\u2010-\u2014\u2212]/;
const digitRun = /\d+(?:[\s+\-.\u2010-\u2014\u2212]{1,3}\d+)*/g;

/** Full-width digits (from an IME) read as ASCII; one character each, so positions still match. */
const ascii = (text: string) => text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = +digits[digits.length - 1 - i]!;
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function passesMod97(iban: string): boolean {
  let remainder = 0;
  for (const c of iban.slice(4) + iban.slice(0, 4)) {
    const value = parseInt(c, 36);
    if (Number.isNaN(value)) return false;
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder === 1;
}

function ibans(text: string): PrivateMatch[] {
  const found: PrivateMatch[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}/gu)) {
    const length = ibanLengths.get(m[0].slice(0, 2).toUpperCase());
    if (!length) continue;
    let compact = '';
    let i = m.index;
    while (i < text.length && compact.length < length) {
      const c = text[i]!;
      if (/[A-Za-z0-9]/.test(c)) compact += c.toUpperCase();
      else if (!(compact.length >= 2 && separators.test(c) && /[A-Za-z0-9]/.test(text[i + 1] ?? ''))) break;
      i++;
    }
    if (compact.length === length && !/[\p{L}\p{N}]/u.test(text[i] ?? '') && passesMod97(compact)) {
      found.push({ start: m.index, end: i, kind: 'iban', lastFour: compact.slice(-4) });
    }
  }
  return found;
}

function cards(text: string): PrivateMatch[] {
  const found: PrivateMatch[] = [];
  for (const run of text.matchAll(digitRun)) {
    // "+49 170 …" is a phone number, however its digits happen to add up.
    if (/\+[ \u00a0]*$/.test(text.slice(0, run.index))) continue;
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ at: run.index + g.index, digits: g[0] }));
    const spans: { from: number; to: number; digits: string }[] = [];
    groups.forEach((_, from) => {
      let digits = '';
      for (let to = from; to < groups.length && (digits += groups[to]!.digits).length <= 19; to++) {
        if (digits.length >= 13) spans.push({ from, to, digits });
      }
    });
    // Longest first, then leftmost, never overlapping: the same choice the server makes.
    const taken = new Set<number>();
    spans.sort((a, b) => b.digits.length - a.digits.length || a.from - b.from);
    for (const { from, to, digits } of spans) {
      const indexes = Array.from({ length: to - from + 1 }, (_, k) => from + k);
      if (indexes.some((g) => taken.has(g)) || !passesLuhn(digits)) continue;
      indexes.forEach((g) => taken.add(g));
      found.push({ start: groups[from]!.at, end: groups[to]!.at + groups[to]!.digits.length, kind: 'card', lastFour: digits.slice(-4) });
    }
  }
  return found;
}

/** Every card number and IBAN in the text, in order. */
export function findPrivateData(text: string): PrivateMatch[] {
  const plain = ascii(text);
  const found = ibans(plain);
  for (const card of cards(plain)) {
    if (!found.some((iban) => card.start < iban.end && iban.start < card.end)) found.push(card);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with only the last four of each card number and IBAN left, as the server stores it. */
export function maskPrivateData(text: string): string {
  let masked = text;
  for (const m of findPrivateData(text).reverse()) {
    masked = masked.slice(0, m.start) + (m.kind === 'card' ? cardMask : ibanMask) + m.lastFour + masked.slice(m.end);
  }
  return masked;
}
