export interface WidgetSettings {
  siteKey: string;
  name: string;
  color: string;
  greeting: string;
  frameUrl: string;
  /** "right" or "left". */
  position: string;
}

/**
 * Resolves to the settings, or to the sentence to print when the widget must not show.
 * The server writes the sentence (ProblemDetails `detail`), which keeps it out of this bundle;
 * it lets any origin read a refusal, so a page that is not allowed learns why.
 */
export async function loadSettings(host: string, siteKey: string): Promise<WidgetSettings | string> {
  try {
    const response = await fetch(`${host}/api/sites/${encodeURIComponent(siteKey)}/widget`, { credentials: 'omit' });
    const body = await response.json();
    return response.ok ? body : `Chat: ${body.detail}`;
  } catch {
    return `Chat: could not load site ${siteKey} from ${host}.`;
  }
}
