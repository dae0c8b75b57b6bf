import type { SandboxItem, ValidCreate } from './straumur-validate';
import { savedList } from './types';

/**
 * The Straumur sandbox's links and their life: visits, sales, declines, disable and expiry.
 *
 * Status, as the sandbox plays it (the real enum is undocumented, providers.md 2.5):
 * - `Active` until something below happens. A sale does NOT change it while sales remain, which is
 *   what the docs' example shows (Active with salesCount 1 and maxSalesCount null).
 * - `Used` once salesCount reaches maxSalesCount (from `exactSalesCount`): "the link closes once the
 *   count is reached". For a TokenizeByLink the docs show `Completed` instead, so the sandbox does too.
 * - `Disabled` after /paymentlinks/disable, whatever came before; existing sales remain.
 * - `Expired` once validUntil has passed on a link that was still Active.
 */

export interface SandboxSubmission {
  answers: Array<{ field: string; value: string }>;
  completed: boolean;
  amount: number;
  currency: string;
  token: string | null;
}

export interface SandboxLink {
  terminalIdentifier: string;
  paymentLinkReference: string;
  themeKey: string | null;
  description: string | null;
  amount: number;
  currency: string;
  returnUrl: string | null;
  status: string;
  culture: string;
  type: string;
  url: string;
  createdAt: string;
  validUntil: string | null;
  recurringProcessingModel: string | null;
  visitCount: number;
  salesCount: number;
  maxSalesCount: number | null;
  items: SandboxItem[];
  shopperInfo: Array<{ field: string; requirementType: string; prefilledValue: string | null }>;
  submissions: SandboxSubmission[];
}

export interface LinkSummaryWire {
  paymentLinkReference: string;
  description: string | null;
  amount: number;
  currency: string;
  type: string;
  createdAt: string;
}

/** Straumur stamps times with microseconds (`…14.343503Z`); so does the sandbox, to exercise parsers. */
export function straumurTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class StraumurSandboxStore {
  private readonly links = new Map<string, SandboxLink>();
  private counter = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** Like the docs' `30001aylo2a`: 11 lowercase alphanumerics, a running number then random letters. */
  private nextReference(): string {
    this.counter += 1;
    let tail = '';
    while (tail.length < 6) tail += ALPHABET[Math.floor(this.random() * ALPHABET.length)] ?? 'a';
    return `3${String(this.counter % 10_000).padStart(4, '0')}${tail}`;
  }

  create(request: ValidCreate, payPageBase: string, now: number): SandboxLink {
    let reference = this.nextReference();
    while (this.links.has(reference)) reference = this.nextReference();
    const link: SandboxLink = {
      terminalIdentifier: request.terminalIdentifier,
      paymentLinkReference: reference,
      themeKey: request.themeKey,
      description: request.description,
      amount: request.amount,
      currency: request.currency,
      returnUrl: request.returnUrl,
      status: 'Active',
      culture: request.culture,
      type: request.type,
      url: `${payPageBase}/${reference}`,
      createdAt: straumurTime(now),
      validUntil: request.expiresAt === null ? null : straumurTime(Date.parse(request.expiresAt)),
      recurringProcessingModel: request.recurringProcessingModel,
      visitCount: 0,
      salesCount: 0,
      maxSalesCount: request.exactSalesCount ?? (request.type === 'TokenizeByLink' ? 1 : null),
      items: request.items,
      shopperInfo: [],
      submissions: [],
    };
    this.links.set(reference, link);
    return link;
  }

  /** The link as it stands at `now` (expiry is applied lazily, when someone looks). */
  get(reference: string, now: number): SandboxLink | null {
    const link = this.links.get(reference);
    if (!link) return null;
    if (link.status === 'Active' && link.validUntil !== null && Date.parse(link.validUntil) <= now) link.status = 'Expired';
    return link;
  }

  /** Newest first, which is what reconciliation relies on when it reads only the first pages. */
  list(page: number, pageSize: number, now: number): { links: LinkSummaryWire[]; totalCount: number } {
    const all = [...this.links.keys()]
      .map((ref) => this.get(ref, now))
      .filter((l): l is SandboxLink => l !== null)
      .reverse();
    const links = all.slice(page * pageSize, page * pageSize + pageSize).map((l) => ({
      paymentLinkReference: l.paymentLinkReference,
      description: l.description,
      amount: l.amount,
      currency: l.currency,
      type: l.type,
      createdAt: l.createdAt,
    }));
    return { links, totalCount: all.length };
  }

  reset(): void {
    this.links.clear();
  }

  /** Every link and the running number, as plain JSON (SandboxState). */
  snapshot(): { links: SandboxLink[]; counter: number } {
    return { links: [...this.links.values()], counter: this.counter };
  }

  restore(data: unknown): void {
    const links = savedList<SandboxLink>(data, 'links', (l) => typeof l.paymentLinkReference === 'string' && Array.isArray(l.items));
    const counter = (data as { counter?: unknown }).counter;
    this.links.clear();
    for (const link of links) this.links.set(link.paymentLinkReference, link);
    this.counter = typeof counter === 'number' && Number.isSafeInteger(counter) ? counter : links.length;
  }

  all(now: number): SandboxLink[] {
    return [...this.links.keys()].map((ref) => this.get(ref, now)).filter((l): l is SandboxLink => l !== null);
  }

  disable(reference: string, now: number): SandboxLink | null {
    const link = this.get(reference, now);
    if (link) link.status = 'Disabled';
    return link;
  }

  visit(reference: string, now: number): SandboxLink | null {
    const link = this.get(reference, now);
    if (link) link.visitCount += 1;
    return link;
  }

  /** Null when the link does not exist; 'closed' when it can no longer be paid. */
  pay(reference: string, now: number, charge?: { amount?: number; currency?: string }): SandboxLink | 'closed' | null {
    const link = this.get(reference, now);
    if (!link) return null;
    if (link.status !== 'Active') return 'closed';
    const tokenize = link.type === 'TokenizeByLink';
    link.submissions.push({
      answers: [],
      completed: true,
      amount: charge?.amount ?? link.amount,
      currency: charge?.currency ?? link.currency,
      token: tokenize ? `TOK${link.paymentLinkReference.toUpperCase()}` : null,
    });
    link.salesCount += 1;
    if (link.maxSalesCount !== null && link.salesCount >= link.maxSalesCount) link.status = tokenize ? 'Completed' : 'Used';
    return link;
  }

  decline(reference: string, now: number): SandboxLink | 'closed' | null {
    const link = this.get(reference, now);
    if (!link) return null;
    if (link.status !== 'Active') return 'closed';
    link.submissions.push({ answers: [], completed: false, amount: link.amount, currency: link.currency, token: null });
    return link;
  }

  /** Test control: move validUntil into the past so the next look reports Expired. */
  expire(reference: string, now: number): SandboxLink | null {
    const link = this.links.get(reference);
    if (!link) return null;
    link.validUntil = straumurTime(now - 1);
    return this.get(reference, now);
  }
}
