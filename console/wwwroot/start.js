// Starts the console's Blazor with its reconnect tries spread out. A server restart drops
// every agent's circuit at once, and Blazor's own default tries again at once, ten times in a
// row, for everyone together: the restarted node would take every console back in the same
// second, and their keep-alive cycles would stay in step from then on. Here the first try comes
// at a random moment within 3 s and later ones keep a little jitter. Thirty tries, about
// eight minutes, as Blazor's default.
(() => {
  const firstTrySpread = 3000;

  function reconnectDelay(previousAttempts, random = Math.random) {
    if (previousAttempts === 0) {
      return Math.floor(firstTrySpread * random());
    }
    const base = previousAttempts < 10 ? 1000 : previousAttempts < 20 ? 5000 : 30000;
    return base + Math.floor(base * 0.2 * random());
  }

  window.chatConsoleReconnectDelay = reconnectDelay;
  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 30,
        retryIntervalMilliseconds: (previousAttempts) => reconnectDelay(previousAttempts),
      },
    },
  });
})();
