// Only this one key is ever written to the host page's storage, and storage
// access can throw (privacy modes, sandboxed pages), which must never break the page.

const key = (siteKey: string) => `chat-widget:open:${siteKey}`;

export function loadOpen(siteKey: string): boolean {
  try {
    return sessionStorage.getItem(key(siteKey)) === '1';
  } catch {
    return false;
  }
}

export function saveOpen(siteKey: string, open: boolean): void {
  try {
    if (open) sessionStorage.setItem(key(siteKey), '1');
    else sessionStorage.removeItem(key(siteKey));
  } catch {
    // Remembering the panel is a nicety; the widget works without it.
  }
}
