export interface Embed {
  siteKey: string;
  /** Origin of the chat server, taken from where widget.js itself was loaded. */
  host: string;
}

// Must run synchronously at start-up: document.currentScript is null once the
// script has yielded, so the selector is the fallback for late callers.
export function findEmbed(doc: Document): Embed | null {
  const script =
    (doc.currentScript as HTMLScriptElement | null) ??
    doc.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
  const siteKey = script?.dataset.site;
  if (!script || !siteKey) return null;
  return { siteKey, host: new URL(script.src, doc.baseURI).origin };
}
