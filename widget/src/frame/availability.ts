/** Whether a live chat is possible now; see GET /api/sites/{siteKey}/availability. */
export interface Availability {
  online: boolean;
  openNow: boolean;
  /** ISO time the team is back, when outside business hours. */
  nextOpen: string | null;
}

/** Null when the server could not be asked: the widget then offers the live chat and lets the line decide. */
export async function fetchAvailability(siteKey: string): Promise<Availability | null> {
  try {
    const response = await fetch(`/api/sites/${encodeURIComponent(siteKey)}/availability`, { cache: 'no-store' });
    return response.ok ? ((await response.json()) as Availability) : null;
  } catch {
    return null;
  }
}
