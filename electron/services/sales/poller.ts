import type { Logger } from '../log';

/** What one status check concluded, as far as the poller's timing is concerned. */
export type CheckOutcome =
  | { kind: 'pending' }
  | { kind: 'final' }
  | { kind: 'network' }
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** The provider answered that it does not know the link (404, not listed). */
  | { kind: 'not-found' };

/** Why the poller stopped waiting for a link to decide: the checkout makes the sale need a person. */
export type GiveUpReason = 'unknown-link' | 'unconfirmed';

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
  /**
   * A link the provider says it does not know this many times in a row, over at least
   * `notFoundForMs`, is given up on: one 404 may be a provider's index catching up, a run of them
   * over seconds is a link that is gone (a sandbox restarted, a link deleted at the provider).
   */
  notFoundChecks: number;
  notFoundForMs: number;
  /** After validTo plus the grace, this many checks that do not decide end the watch. */
  finalChecks: number;
}

export const defaultPollerOptions: PollerOptions = {
  fastPhaseMs: 120_000,
  fastIntervalMs: 1_000,
  maxIntervalMs: 5_000,
  expiryGraceMs: 10_000,
  maxRetryAfterMs: 30_000,
  notFoundChecks: 3,
  notFoundForMs: 10_000,
  finalChecks: 3,
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
  /**
   * The watch ends without a decision from the provider: the link is unknown to it, or it is past
   * its validity and the final checks could not settle it. `final` ends the watch.
   */
  giveUp: (saleId: string, reason: GiveUpReason) => Promise<CheckOutcome>;
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

/** What the checks of one sale have failed to settle so far. */
interface Unsettled {
  /** Not-found answers in a row, and when the first of them came. */
  notFound: number;
  notFoundSince: number;
  /** Checks after the link's validity plus grace that did not decide. */
  afterExpiry: number;
}

/**
 * Watches live sales: at most one request in flight per sale, shared by the loop and by anyone
 * asking to check now. Network trouble never ends a watch; only a final status (or unwatch) does.
 */
export class Poller {
  private readonly options: PollerOptions;
  private readonly watches = new Map<string, Watch>();
  private readonly inFlight = new Map<string, Promise<CheckOutcome>>();
  private readonly unsettled = new Map<string, Unsettled>();
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
    this.unsettled.delete(saleId);
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
      .then((outcome) => this.settleOutcome(saleId, afterExpiry, outcome))
      .finally(() => this.inFlight.delete(saleId));
    this.inFlight.set(saleId, run);
    return run;
  }

  /**
   * Counts what did not decide, and gives up when the rules say so: a link the provider keeps
   * saying it does not know, or a link past its validity whose final checks could not settle it.
   * Either way the sale goes to a person instead of being watched for ever.
   */
  private async settleOutcome(saleId: string, afterExpiry: boolean, outcome: CheckOutcome): Promise<CheckOutcome> {
    if (outcome.kind === 'final') {
      this.unsettled.delete(saleId);
      return outcome;
    }
    const now = this.deps.now();
    const state = this.unsettled.get(saleId) ?? { notFound: 0, notFoundSince: now, afterExpiry: 0 };
    if (outcome.kind === 'not-found') {
      if (state.notFound === 0) state.notFoundSince = now;
      state.notFound += 1;
    } else if (outcome.kind === 'pending') {
      // The provider knows the link after all: the run of not-found answers is broken.
      state.notFound = 0;
    }
    if (afterExpiry) state.afterExpiry += 1;
    this.unsettled.set(saleId, state);
    const unknown = state.notFound >= this.options.notFoundChecks && now - state.notFoundSince >= this.options.notFoundForMs;
    const unconfirmed = state.afterExpiry >= this.options.finalChecks;
    if (!unknown && !unconfirmed) return outcome;
    const reason: GiveUpReason = unknown || outcome.kind === 'not-found' ? 'unknown-link' : 'unconfirmed';
    this.deps.log.warn('poller: giving up waiting for the provider to decide', { saleId, reason, ...state });
    const decided = await this.deps.giveUp(saleId, reason);
    if (decided.kind === 'final') this.unsettled.delete(saleId);
    return decided;
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
