import { z } from 'zod';

/**
 * Fault injection for the sandbox, so tests and the e2e suite can prove how LinkPOS behaves when
 * the provider is slow, failing, rate-limiting, silent or garbled. Rules are plain JSON (they also
 * come from the LINKPOS_SANDBOX_FAULTS environment variable and a control endpoint).
 */

const matchSchema = z
  .object({
    /** GET, POST, ... ; any method when absent. */
    method: z.string().toUpperCase().optional(),
    /** A path glob where `*` matches anything, e.g. "/ecster/rest/public/v1/paymentlinks*". */
    path: z.string().optional(),
  })
  .default({});

const common = {
  match: matchSchema,
  /** Applies to this many matching requests, then disappears. Unlimited when absent. */
  count: z.number().int().positive().optional(),
};

export const faultRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000), ...common }),
  z.object({
    kind: z.literal('error'),
    status: z.number().int().min(500).max(599).default(500),
    /** Share of matching requests that fail, 0..1 (seeded randomness). */
    share: z.number().min(0).max(1).default(1),
    ...common,
  }),
  z.object({ kind: z.literal('rate-limit'), retryAfterSeconds: z.number().int().min(0).default(5), ...common }),
  /** Handles the request (so a create stores its link) and then never answers. */
  z.object({ kind: z.literal('hang'), ...common }),
  /** Answers 200 with half a JSON document, without handling the request. */
  z.object({ kind: z.literal('truncate'), ...common }),
  /** Answers 404, as a provider does for a link it does not know, without handling the request. */
  z.object({ kind: z.literal('not-found'), ...common }),
]);
export type FaultRule = z.input<typeof faultRuleSchema>;
type ParsedRule = z.output<typeof faultRuleSchema>;

export const faultListSchema = z.array(faultRuleSchema).max(100);

/** Reads LINKPOS_SANDBOX_FAULTS; an unreadable value is an error worth stopping for. */
export function parseFaults(json: string | undefined): FaultRule[] {
  if (json === undefined || json.trim() === '') return [];
  return faultListSchema.parse(JSON.parse(json));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** A small seeded PRNG (mulberry32) so a "30 % of requests fail" run is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultAction =
  | { readonly kind: 'error'; readonly status: number }
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'truncate' }
  | { readonly kind: 'not-found' };

export interface FaultPlan {
  readonly latencyMs: number;
  /** The first failing rule wins; null means handle normally. */
  readonly action: FaultAction | null;
}

interface LiveRule {
  readonly rule: ParsedRule;
  readonly path: RegExp | null;
  remaining: number;
}

export class FaultInjector {
  private rules: LiveRule[] = [];

  constructor(private readonly random: () => number) {}

  set(rules: readonly FaultRule[]): void {
    this.rules = faultListSchema.parse(rules).map((rule) => ({
      rule,
      path: rule.match.path === undefined ? null : globToRegExp(rule.match.path),
      remaining: rule.count ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** How many uses each rule has left, for the control endpoint. */
  list(): Array<ParsedRule & { remaining: number | null }> {
    return this.rules.map((r) => ({ ...r.rule, remaining: Number.isFinite(r.remaining) ? r.remaining : null }));
  }

  /** Decides what happens to one request, consuming the counts of the rules that fire. */
  plan(method: string, pathname: string): FaultPlan {
    let latencyMs = 0;
    let action: FaultAction | null = null;
    for (const live of this.rules) {
      const { rule } = live;
      if (live.remaining <= 0) continue;
      if (rule.match.method !== undefined && rule.match.method !== method.toUpperCase()) continue;
      if (live.path && !live.path.test(pathname)) continue;
      if (rule.kind === 'latency') {
        latencyMs += rule.ms;
        live.remaining--;
        continue;
      }
      if (action !== null) continue;
      if (rule.kind === 'error') {
        if (this.random() >= rule.share) continue;
        action = { kind: 'error', status: rule.status };
      } else if (rule.kind === 'rate-limit') {
        action = { kind: 'rate-limit', retryAfterSeconds: rule.retryAfterSeconds };
      } else {
        action = { kind: rule.kind };
      }
      live.remaining--;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { latencyMs, action };
  }
}
