import type { LinkRecord } from '../db';

/**
 * One attempt's copy of a communication's link (what was already created for it in AutoCRM): only the
 * worker holding the item's lease writes it. A record is written at once (`save`), or kept to ride with
 * the next write (`keep`): found source ids, or the last create's record, which the caller writes with the
 * item's outcome in one transaction. Whoever makes the next request writes what is kept first (`flush`),
 * so every create is recorded before the next one.
 */
export class LinkKeeper {
  private unsaved: boolean;

  /**
   * @param write how a record reaches the database (the first one also carries the item's plan)
   * @param unsaved whether `current` holds something not written yet (fresh look-ups)
   */
  constructor(
    public current: LinkRecord,
    private readonly write: (link: LinkRecord) => Promise<void>,
    unsaved = false,
  ) {
    this.unsaved = unsaved;
  }

  async save(patch: Partial<LinkRecord>): Promise<void> {
    this.current = { ...this.current, ...patch, key: this.current.key };
    this.unsaved = true;
    await this.write(this.current);
    // Only once written: a failed write leaves the record pending, and the outcome's write carries it.
    this.unsaved = false;
  }

  keep(patch: Partial<LinkRecord>): void {
    this.current = { ...this.current, ...patch, key: this.current.key };
    this.unsaved = true;
  }

  async flush(): Promise<void> {
    if (this.unsaved) await this.save({});
  }

  /** The link, when it holds what is not written yet: the caller writes it with the item's outcome. */
  pending(): LinkRecord | undefined {
    return this.unsaved ? this.current : undefined;
  }
}
