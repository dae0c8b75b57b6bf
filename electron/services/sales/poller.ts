import type { Logger } from '../log';

/** What one status check concluded, as far as the poller's timing is concerned. */
export type CheckOutcome = { kind: 'pending' } | { kind: 'final' } | { kind: 'network' } | { kind: 'rate-limited'; retryAfterMs: number };

/** The timing facts of a watched sale (epoch ms). */
export interface PollTarget {
  linkCreatedAt: number;
  validTo: number | null;
}

export interface PollerOptions {
  /** Poll every fastIntervalMs for this long after the link was created (the customer is at the till). */
  fastPhaseMs: number;
  fastIntervalMs: number;
  /** The slowest cadence; later polls back off towards it with jitter. */
  maxIntervalMs: number;
  /** After validTo plus this, one more check decides between paid and expired. */
  expiryGraceMs: number;
  /** A provider's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export const defaultPollerOptions: PollerOptions = {
  fastPhaseMs: 120_000,
  fastIntervalMs: 1_000,
  maxIntervalMs: 5_000,
  expiryGraceMs: 10_000,
  maxRetryAfterMs: 30_000,
};

export interface PollerDeps {
  now: () => number;
  /** Resolves after ms, or early (resolve or reject) when the signal aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  /** Timing of a sale, or null when it no longer needs watching. */
  target: (saleId: string) => PollTarget | null;
  /** One status check; `afterExpiry` tells the checker a non-final answer now means expired. */
  check: (saleId: string, context: { afterExpiry: boolean; signal: AbortSignal }) => Promise<CheckOutcome>;
  log: Logger;
  options?: Partial<PollerOptions>;
}

/** The delay before the next poll: fast while the customer is likely at the till, then backing off. */
export function nextDelay(options: PollerOptions, elapsedMs: number, slowPolls: number, random: number): number {
  if (elapsedMs < options.fastPhaseMs) return options.fastIntervalMs;
  const ceiling = Math.min(options.maxIntervalMs, options.fastIntervalMs * 1.5 ** (slowPolls + 1));
  // Jitter keeps several tills (or several sales after a restart) from polling in lockstep.
  return Math.round(ceiling * (0.7 + 0.3 * random));
}

interface Watch {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Watches live sales: at most one request in flight per sale, shared by the loop and by anyone
 * asking to check now. Network trouble never ends a watch; only a final status (or unwatch) does.
 */
export class Poller {
  private readonly options: PollerOptions;
  private readonly watches = new Map<string, Watch>();
  private readonly inFlight = new Map<string, Promise<CheckOutcome>>();
  private readonly lifetime = new AbortController();

  constructor(private readonly deps: PollerDeps) {
    this.options = { ...defaultPollerOptions, ...deps.options };
  }

  isWatching(saleId: string): boolean {
    return this.watches.has(saleId);
  }

  watch(saleId: string): void {
    if (this.watches.has(saleId) || this.lifetime.signal.aborted) return;
    const controller = new AbortController();
    const entry: Watch = { controller, done: Promise.resolve() };
    this.watches.set(saleId, entry);
    entry.done = this.loop(saleId, controller.signal).finally(() => {
      if (this.watches.get(saleId) === entry) this.watches.delete(saleId);
    });
  }

  unwatch(saleId: string): void {
    const entry = this.watches.get(saleId);
    if (!entry) return;
    this.watches.delete(saleId);
    entry.controller.abort();
  }

  /** Checks at once, or joins the check already under way for this sale. */
  async checkNow(saleId: string): Promise<CheckOutcome> {
    const target = this.deps.target(saleId);
    const outcome = await this.runCheck(saleId, target ? this.isAfterExpiry(target) : false);
    if (outcome.kind === 'final') this.unwatch(saleId);
    return outcome;
  }

  async stop(): Promise<void> {
    this.lifetime.abort();
    const entries = [...this.watches.values()];
    this.watches.clear();
    for (const entry of entries) entry.controller.abort();
    await Promise.allSettled(entries.map((e) => e.done));
  }

  private isAfterExpiry(target: PollTarget): boolean {
    return target.validTo !== null && this.deps.now() >= target.validTo + this.options.expiryGraceMs;
  }

  private runCheck(saleId: string, afterExpiry: boolean): Promise<CheckOutcome> {
    const existing = this.inFlight.get(saleId);
    if (existing) return existing;
    const run = this.deps
      .check(saleId, { afterExpiry, signal: this.lifetime.signal })
      .catch((error: unknown): CheckOutcome => {
        this.deps.log.error('poller: status check failed unexpectedly', { saleId, error });
        return { kind: 'network' };
      })
      .finally(() => this.inFlight.delete(saleId));
    this.inFlight.set(saleId, run);
    return run;
  }

  private async loop(saleId: string, signal: AbortSignal): Promise<void> {
    let slowPolls = 0;
    while (!signal.aborted) {
      const target = this.deps.target(saleId);
      if (!target) return;
      const outcome = await this.runCheck(saleId, this.isAfterExpiry(target));
      if (outcome.kind === 'final' || signal.aborted) return;

      const now = this.deps.now();
      const elapsed = now - target.linkCreatedAt;
      let delay = nextDelay(this.options, elapsed, slowPolls, this.deps.random());
      if (elapsed >= this.options.fastPhaseMs) slowPolls += 1;
      if (outcome.kind === 'rate-limited') {
        delay = Math.max(delay, Math.min(outcome.retryAfterMs, this.options.maxRetryAfterMs));
      }
      if (target.validTo !== null) {
        const deadline = target.validTo + this.options.expiryGraceMs;
        // Wake exactly at the deadline for the check that decides paid or expired.
        if (now < deadline) delay = Math.min(delay, deadline - now);
      }
      try {
        await this.deps.sleep(delay, signal);
      } catch {
        return;
      }
    }
  }
}

/** The real sleep for the composition root: resolves after ms or as soon as the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
