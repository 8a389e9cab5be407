import { storageKeys, type StorageLike } from './storage';

/** The visitor's token and name, kept in the frame's own origin storage. */
export class Credentials {
  constructor(
    private readonly storage: StorageLike,
    private readonly siteKey: string,
  ) {}

  get token(): string | null {
    return this.storage.getItem(storageKeys.token(this.siteKey));
  }

  get name(): string | null {
    return this.storage.getItem(storageKeys.name(this.siteKey));
  }

  save(token: string, name: string): void {
    this.storage.setItem(storageKeys.token(this.siteKey), token);
    this.saveName(name);
  }

  saveName(name: string): void {
    this.storage.setItem(storageKeys.name(this.siteKey), name);
  }

  /** The identity (id and hash) the current token was verified for, as one string; null when anonymous. */
  get identity(): string | null {
    return this.storage.getItem(storageKeys.identity(this.siteKey));
  }

  saveIdentity(identity: string | null): void {
    if (identity) this.storage.setItem(storageKeys.identity(this.siteKey), identity);
    else this.storage.removeItem(storageKeys.identity(this.siteKey));
  }

  clear(): void {
    this.storage.removeItem(storageKeys.token(this.siteKey));
    this.storage.removeItem(storageKeys.name(this.siteKey));
    this.storage.removeItem(storageKeys.identity(this.siteKey));
  }
}
