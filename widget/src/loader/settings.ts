export interface WidgetSettings {
  siteKey: string;
  name: string;
  color: string;
  greeting: string;
  frameUrl: string;
}

interface Problem {
  code?: string;
}

export function settingsError(status: number, code: string | undefined, siteKey: string, origin: string): string {
  if (status === 403 && code === 'origin_not_allowed') {
    return `Chat: this page's origin ${origin} is not allowed for site ${siteKey}. Add it to the site's allowed origins.`;
  }
  if (status === 404) return `Chat: unknown site key ${siteKey}`;
  return `Chat: could not load the settings of site ${siteKey} (HTTP ${status}).`;
}

// The server sends CORS headers only to allowed origins, so a refused origin
// (and an unknown site, which has none) usually surfaces as a network error.
export function unreachableError(host: string, siteKey: string, origin: string): string {
  return `Chat: could not load site ${siteKey} from ${host}. Check the site key, and add this page's origin ${origin} to the site's allowed origins.`;
}

/** Resolves to the settings, or to the sentence to print when the widget must not show. */
export async function loadSettings(host: string, siteKey: string, origin: string): Promise<WidgetSettings | string> {
  let response: Response;
  try {
    response = await fetch(`${host}/api/sites/${encodeURIComponent(siteKey)}/widget`, {
      mode: 'cors',
      credentials: 'omit',
    });
  } catch {
    return unreachableError(host, siteKey, origin);
  }
  if (response.status !== 200) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    return settingsError(response.status, problem.code, siteKey, origin);
  }
  return (await response.json()) as WidgetSettings;
}
