export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const storageKeys = {
  token: (siteKey: string) => `chat:${siteKey}:token`,
  name: (siteKey: string) => `chat:${siteKey}:name`,
  outbox: (siteKey: string) => `chat:${siteKey}:outbox`,
  /** What the visitor typed and has not sent yet, so a reload does not lose it. */
  draft: (siteKey: string) => `chat:${siteKey}:draft`,
  /** The id and hash of the identity the token was verified for, so the same identify on the next page needs no round trip. */
  identity: (siteKey: string) => `chat:${siteKey}:identity`,
};

/**
 * Browsers that block third-party storage throw on any access to localStorage
 * inside an iframe. The chat still works then, only without memory across loads.
 */
export function frameStorage(): StorageLike {
  try {
    const probe = 'chat:probe';
    localStorage.setItem(probe, probe);
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}
