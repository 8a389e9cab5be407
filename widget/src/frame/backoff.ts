const steps = [0, 1000, 2000, 5000, 10000];

/** A restart drops every visitor at once: their first tries are spread over this long. */
const firstTrySpread = 3000;

/**
 * Delay before reconnect attempt number `previousRetryCount + 1`. It never
 * returns null, so the client keeps trying for as long as the page is open.
 * The jitter keeps every visitor from knocking at the same instant after a
 * server restart, which would also set all their keep-alive cycles (and the
 * server's pings) to fall due in the same second from then on.
 */
export function retryDelay(previousRetryCount: number, random: () => number = Math.random): number {
  if (previousRetryCount === 0) return Math.floor(firstTrySpread * random());
  const base = steps[Math.min(previousRetryCount, steps.length - 1)]!;
  return base + Math.floor(base * 0.2 * random());
}
