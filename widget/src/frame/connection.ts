import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';
import { retryDelay } from './backoff';

const hubPath = (siteKey: string) => `/hubs/visitor?site=${encodeURIComponent(siteKey)}`;

export function createConnection(siteKey: string, token: () => string, onRetry: (attempt: number) => void): HubConnection {
  return (
    new HubConnectionBuilder()
      .withUrl(hubPath(siteKey), {
        accessTokenFactory: token,
        // Straight to WebSockets: no negotiate round trip, so no sticky sessions behind a load balancer.
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: ({ previousRetryCount }) => {
          onRetry(previousRetryCount);
          return retryDelay(previousRetryCount);
        },
      })
      .configureLogging(LogLevel.Warning)
      .build()
  );
}

/**
 * A browser hides the HTTP status of a refused WebSocket upgrade, so after a
 * failed connect we ask the same URL over plain HTTP to learn whether the
 * token itself was refused (401) rather than the network being down.
 */
export async function tokenRefused(siteKey: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(`${hubPath(siteKey)}&access_token=${encodeURIComponent(token)}`, {
      cache: 'no-store',
    });
    return response.status === 401;
  } catch {
    return false;
  }
}
