/** Agent messages that arrived while the panel was closed; the launcher badge shows them. */
export class UnreadCounter {
  private open = false;
  private _count = 0;

  get count(): number {
    return this._count;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Returns true when the count changed. */
  setOpen(open: boolean): boolean {
    this.open = open;
    if (!open || this._count === 0) return false;
    this._count = 0;
    return true;
  }

  /** Returns true when the count changed. */
  agentMessage(): boolean {
    if (this.open) return false;
    this._count++;
    return true;
  }
}
