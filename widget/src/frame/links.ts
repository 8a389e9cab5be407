export interface TextPart {
  text: string;
  /** Present only for http(s) links, already checked to parse as a URL. */
  href?: string;
}

const candidate = /\bhttps?:\/\/[^\s<>"]+/gi;
// Sentences often end right after a link; that punctuation is not part of it.
const trailing = /[.,;:!?)\]}'"]+$/;

/** Splits message text into plain runs and safe links; never produces HTML. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index ?? 0;
    const raw = match[0].replace(trailing, '');
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
