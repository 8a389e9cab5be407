const steps = [0, 1000, 2000, 5000, 10000];

/**
 * Delay before reconnect attempt number `previousRetryCount + 1`. It never
 * returns null, so the client keeps trying for as long as the page is open;
 * the jitter keeps every visitor from knocking at the same instant after a server restart.
 */
export function retryDelay(previousRetryCount: number, random: () => number = Math.random): number {
  const base = steps[Math.min(previousRetryCount, steps.length - 1)]!;
  return base + Math.floor(base * 0.2 * random());
}
