/** How long to wait between attempts while the shop database is away: doubling from `initialMs` up to `maxMs`. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 1_000, maxMs: 60_000 };

/** The replicator's and the catalog listener's delay between attempts. */
export class Backoff {
  private delay: number;

  constructor(private readonly options: BackoffOptions = defaultBackoff) {
    this.delay = options.initialMs;
  }

  /** The delay to wait now; the one after it is twice as long, up to the maximum. */
  next(): number {
    const now = this.delay;
    this.delay = Math.min(now * 2, this.options.maxMs);
    return now;
  }

  /** An attempt worked: the next failure waits the shortest delay again. */
  reset(): void {
    this.delay = this.options.initialMs;
  }

  get maxMs(): number {
    return this.options.maxMs;
  }
}

/**
 * A wait that ends early when woken (a new record to copy, a stop). Once closed, every sleep returns
 * at once until it is opened again, so a stop that lands just before a sleep starts is not missed.
 */
export class Nap {
  private waker: (() => void) | null = null;
  private closed = false;

  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.waker === done) this.waker = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waker = done;
    });
  }

  /** Ends the sleep under way, if any. */
  wake(): void {
    this.waker?.();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  open(): void {
    this.closed = false;
  }
}
