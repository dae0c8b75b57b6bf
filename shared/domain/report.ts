import { z } from 'zod';
import { currencySchema, minorSchema, type Currency } from './money';
import { providerIdSchema, type ProviderId } from './sale';
import { groupOf, kindOf, vatBreakdownSchema, type ArticleKind, type CartTotals, type VatBreakdown } from './schemas';
import { priceReductionMinor } from './cart';
import { englishText, msg, type Message } from '../messages';
import { paymentMeans, paymentMeansSchema, type PaymentMeans } from './tender';

/**
 * X and Z reports: pure, exact aggregation in integer minor units over the outcomes that happened
 * in a period of the journal. A period is a range of journal sequence numbers (after the previous
 * Z's last record, up to and including `toSeq`), so a clock change can neither drop nor double a
 * sale. A sale is counted where it reached an outcome: paid in the period it was paid, cancelled in
 * the period it was cancelled; a needs-attention sale resolved later as paid appears in both.
 */

/** `refunded`: a refund of a paid sale gave money back (counted where it was refunded, with its own VAT). */
export const reportOutcomes = ['paid', 'cancelled', 'expired', 'failed', 'needs-attention', 'refunded'] as const;
export const reportOutcomeSchema = z.enum(reportOutcomes);
export type ReportOutcome = z.infer<typeof reportOutcomeSchema>;

/** One sale reaching an outcome, as read from the journal. */
export interface ReportEntry {
  seq: number;
  at: string;
  saleId: string;
  outcome: ReportOutcome;
  /** Demo (training) sale: reported apart and never in the real totals. */
  demo: boolean;
  provider: ProviderId;
  currency: Currency;
  amountMinor: number;
  vat: readonly VatBreakdown[];
  /** Set for `paid`: the receipt number in the sale's series; for `refunded`: the refund receipt's, in the refunds' series. */
  receiptNumber: number | null;
  /** For `refunded`: the refund's number within its sale. */
  refundNumber?: number;
  /** For `paid`: how the money was taken (absent in entries from before payment means: a payment link). */
  means?: PaymentMeans;
  /**
   * An entry that stands for several of one kind (a row of the shop database's summary): how many,
   * with amountMinor and vat their sums, and receiptNumber..lastReceiptNumber their receipts. Absent: one.
   */
  count?: number;
  lastReceiptNumber?: number | null;
}

/** How many outcomes the entries stand for. */
export const entryCount = (entries: readonly ReportEntry[]): number => entries.reduce((n, e) => n + (e.count ?? 1), 0);

const countSumSchema = z.object({ count: z.number().int().nonnegative(), amountMinor: minorSchema });
export type CountSum = z.infer<typeof countSumSchema>;

export const currencySectionSchema = z.object({
  currency: currencySchema,
  sales: countSumSchema,
  vat: z.array(vatBreakdownSchema),
  vatTotalMinor: minorSchema,
  netTotalMinor: minorSchema,
  providers: z.array(z.object({ provider: providerIdSchema, count: z.number().int().nonnegative(), amountMinor: minorSchema })),
  cancelled: countSumSchema,
  expired: countSumSchema,
  failed: countSumSchema,
  needsAttention: countSumSchema,
  // Added with refunds; a Z report from before has none (the defaults).
  /** Refunds made in the period (credit notes), VAT included, with their VAT per rate. */
  refunds: countSumSchema.default({ count: 0, amountMinor: 0 }),
  refundVat: z.array(vatBreakdownSchema).default([]),
  refundVatTotalMinor: minorSchema.default(0),
  /** Sales less refunds (VAT included), and the VAT per rate that leaves. */
  netSalesMinor: minorSchema.default(0),
  netVat: z.array(vatBreakdownSchema).default([]),
  netVatTotalMinor: minorSchema.default(0),
  /**
   * Sales per payment means (7 kap. 2 § SKVFS 2014:9; #15's totals per tender), in `paymentMeans`
   * order, only the means used. Added with other tenders; a Z report from before has none.
   */
  means: z.array(z.object({ means: paymentMeansSchema, count: z.number().int().nonnegative(), amountMinor: minorSchema })).default([]),
});
export type CurrencySection = z.infer<typeof currencySectionSchema>;

export const reportSectionSchema = z.object({
  currencies: z.array(currencySectionSchema),
  firstReceipt: z.number().int().positive().nullable(),
  lastReceipt: z.number().int().positive().nullable(),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

export const reportPeriodSchema = z.object({
  /** The last journal record of the previous Z (0 for the first): not included. */
  fromSeq: z.number().int().nonnegative(),
  /** Included. */
  toSeq: z.number().int().nonnegative(),
  /** When the previous Z was taken (null for the first), and when this report was. */
  fromAt: z.string().datetime({ offset: true }).nullable(),
  toAt: z.string().datetime({ offset: true }),
});
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

export const clerkRowSchema = z.object({
  id: z.string().max(60),
  name: z.string().max(60),
  currency: currencySchema,
  /** Training (demo) sales are counted in rows of their own, as the report keeps them apart. */
  training: z.boolean(),
  sales: countSumSchema,
  refunds: countSumSchema,
});
export type ClerkRow = z.infer<typeof clerkRowSchema>;

/** Since the till was first used, per currency, real sales only (2 kap. 4–6 § SKVFS 2014:9). */
export const grandTotalSchema = z.object({
  currency: currencySchema,
  /** Grand total försäljning: all sales, returns not taken off. */
  salesMinor: minorSchema,
  /** Grand total retur: all returns (refunds). */
  returnsMinor: minorSchema,
  /** Grand total netto: sales less returns. */
  netMinor: minorSchema,
});
export type GrandTotal = z.infer<typeof grandTotalSchema>;

export const articleGroupRowSchema = z.object({
  currency: currencySchema,
  group: z.string().max(60),
  /** Articles sold. */
  count: z.number().int().nonnegative(),
  amountMinor: minorSchema,
});
export type ArticleGroupRow = z.infer<typeof articleGroupRowSchema>;

/**
 * What a Swedish till's X and Z reports add (7 kap. 2–3 § SKVFS 2014:9): the till and its model,
 * the float, receipt copies, and the grand totals. Absent on every other till and in the shop's
 * report (the shop database keeps no copies and no float).
 */
export const reportSwedenSchema = z.object({
  organisationNumber: z.string().max(11),
  tillDesignation: z.string().max(40),
  modelDesignation: z.string().max(40),
  /** The float (växelkassa) put in the drawer: a setting, 0 for a till without cash. */
  floatMinor: minorSchema,
  /** Receipt copies made in the period (at most one a receipt), with their amounts. */
  copies: countSumSchema,
  grandTotals: z.array(grandTotalSchema),
  // Added with goods/services and main groups (#20); a report from before has none of them.
  /**
   * Sales per main group (huvudgrupp), per currency: articles and amount (VAT included) sold in the
   * period, returns not taken off (they are the report's returns), so a currency's groups add up to
   * its sales ("den totala försäljningssumman … för olika huvudgrupper"). '' is no group.
   */
  groups: z.array(articleGroupRowSchema).optional(),
  /** Articles of goods and of services sold less returned (`articleCounts` says how a line counts). */
  goods: z.number().int().optional(),
  services: z.number().int().optional(),
  /**
   * Discounts and other reductions (rabatter och andra nedsättningar), per currency: the sold lines
   * whose amount was lower than their registered price (a line or cart discount, a price lowered
   * by hand), and the sum of those differences.
   */
  discounts: z.array(z.object({ currency: currencySchema, count: z.number().int().nonnegative(), amountMinor: minorSchema })).optional(),
  /** Z reports reprinted (as copies, marked KOPIA) in the period. */
  zCopies: z.number().int().nonnegative().optional(),
});
export type ReportSweden = z.infer<typeof reportSwedenSchema>;

export const reportSchema = z.object({
  kind: z.enum(['x', 'z']),
  /** The till's name when the report was taken (absent in Z reports from before till names). */
  tillName: z.string().max(100).optional(),
  /** Z reports only: 1, 2, 3… without gaps. */
  number: z.number().int().positive().nullable(),
  period: reportPeriodSchema,
  /** How many outcomes the period holds, real and training. */
  entries: z.number().int().nonnegative(),
  real: reportSectionSchema,
  training: reportSectionSchema,
  /**
   * Sales and refunds (real and training apart) per member of staff who charged the sale, per currency (added with
   * staff; absent on a till without staff and in older reports). A sale charged before staff
   * existed is in no clerk's row.
   */
  clerks: z.array(clerkRowSchema).optional(),
  /**
   * Z reports only: the member of staff who closed the day (id, and the name as it was), decided in
   * main from its own session. Absent on a till without staff and in older reports.
   */
  closedBy: z.object({ id: z.string().max(60), name: z.string().max(60) }).optional(),
  /**
   * How often the cash drawer was opened in the period, for cash sales and without a sale (#20; the
   * journal's `drawer-opened` records). Absent in reports from before the drawer was counted.
   */
  drawerOpenings: z.number().int().nonnegative().optional(),
  sweden: reportSwedenSchema.optional(),
});
export type Report = z.infer<typeof reportSchema>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

function emptyCurrency(currency: Currency): Mutable<CurrencySection> {
  const zero = () => ({ count: 0, amountMinor: 0 });
  return {
    currency,
    sales: zero(),
    vat: [],
    vatTotalMinor: 0,
    netTotalMinor: 0,
    providers: [],
    cancelled: zero(),
    expired: zero(),
    failed: zero(),
    needsAttention: zero(),
    refunds: zero(),
    refundVat: [],
    refundVatTotalMinor: 0,
    netSalesMinor: 0,
    netVat: [],
    netVatTotalMinor: 0,
    means: [],
  };
}

/** Adds VAT rows into a per-rate table (each row already exact). */
function addVat(rates: Map<number, VatBreakdown>, rows: readonly VatBreakdown[], sign = 1): void {
  for (const v of rows) {
    const row = rates.get(v.vatRate) ?? { vatRate: v.vatRate, grossMinor: 0, netMinor: 0, vatMinor: 0 };
    rates.set(v.vatRate, {
      vatRate: v.vatRate,
      grossMinor: row.grossMinor + sign * v.grossMinor,
      netMinor: row.netMinor + sign * v.netMinor,
      vatMinor: row.vatMinor + sign * v.vatMinor,
    });
  }
}

const byRate = (rates: Map<number, VatBreakdown> | undefined) => [...(rates?.values() ?? [])].sort((a, b) => b.vatRate - a.vatRate);

function add(target: CountSum, amount: number, count = 1): void {
  target.count += count;
  target.amountMinor += amount;
  if (!Number.isSafeInteger(target.amountMinor)) throw new RangeError('A report total is too large to handle exactly');
}

function section(entries: readonly ReportEntry[]): ReportSection {
  const byCurrency = new Map<Currency, Mutable<CurrencySection>>();
  const vatByCurrency = new Map<Currency, Map<number, VatBreakdown>>();
  const refundVatByCurrency = new Map<Currency, Map<number, VatBreakdown>>();
  const table = (tables: Map<Currency, Map<number, VatBreakdown>>, currency: Currency) => {
    let rates = tables.get(currency);
    if (!rates) tables.set(currency, (rates = new Map<number, VatBreakdown>()));
    return rates;
  };
  let firstReceipt: number | null = null;
  let lastReceipt: number | null = null;
  for (const entry of entries) {
    let cur = byCurrency.get(entry.currency);
    if (!cur) byCurrency.set(entry.currency, (cur = emptyCurrency(entry.currency)));
    const n = entry.count ?? 1;
    switch (entry.outcome) {
      case 'paid': {
        add(cur.sales, entry.amountMinor, n);
        let provider = cur.providers.find((p) => p.provider === entry.provider);
        if (!provider) cur.providers.push((provider = { provider: entry.provider, count: 0, amountMinor: 0 }));
        add(provider, entry.amountMinor, n);
        const means = entry.means ?? 'link';
        let row = cur.means.find((m) => m.means === means);
        if (!row) cur.means.push((row = { means, count: 0, amountMinor: 0 }));
        add(row, entry.amountMinor, n);
        addVat(table(vatByCurrency, entry.currency), entry.vat);
        if (entry.receiptNumber !== null) {
          const last = entry.lastReceiptNumber ?? entry.receiptNumber;
          firstReceipt = firstReceipt === null ? entry.receiptNumber : Math.min(firstReceipt, entry.receiptNumber);
          lastReceipt = lastReceipt === null ? last : Math.max(lastReceipt, last);
        }
        break;
      }
      case 'cancelled':
        add(cur.cancelled, entry.amountMinor, n);
        break;
      case 'expired':
        add(cur.expired, entry.amountMinor, n);
        break;
      case 'failed':
        add(cur.failed, entry.amountMinor, n);
        break;
      case 'needs-attention':
        add(cur.needsAttention, entry.amountMinor, n);
        break;
      case 'refunded':
        // A credit note's number is in the refunds' own series: not in the receipt range.
        add(cur.refunds, entry.amountMinor, n);
        addVat(table(refundVatByCurrency, entry.currency), entry.vat);
        break;
    }
  }
  const currencies = [...byCurrency.values()]
    .sort((a, b) => (a.currency < b.currency ? -1 : 1))
    .map((cur) => {
      // VAT is summed per rate over the sales' own VAT rows (each already exact), not re-extracted
      // from the summed gross, so the report agrees with the receipts line for line.
      const vat = byRate(vatByCurrency.get(cur.currency));
      const vatTotalMinor = vat.reduce((s, v) => s + v.vatMinor, 0);
      const refundVat = byRate(refundVatByCurrency.get(cur.currency));
      const net = new Map<number, VatBreakdown>();
      addVat(net, vat);
      addVat(net, refundVat, -1);
      const netVat = byRate(net);
      cur.providers.sort((a, b) => (a.provider < b.provider ? -1 : 1));
      cur.means.sort((a, b) => paymentMeans.indexOf(a.means) - paymentMeans.indexOf(b.means));
      return {
        ...cur,
        vat,
        vatTotalMinor,
        netTotalMinor: cur.sales.amountMinor - vatTotalMinor,
        refundVat,
        refundVatTotalMinor: refundVat.reduce((s, v) => s + v.vatMinor, 0),
        netSalesMinor: cur.sales.amountMinor - cur.refunds.amountMinor,
        netVat,
        netVatTotalMinor: netVat.reduce((s, v) => s + v.vatMinor, 0),
      };
    });
  return { currencies, firstReceipt, lastReceipt };
}

export interface ReportRequest {
  kind: 'x' | 'z';
  number: number | null;
  period: ReportPeriod;
  tillName?: string;
  /** Who charged a sale (the sale's `clerk`); with it, the report breaks real totals down per clerk. */
  clerkOf?: (saleId: string) => { id: string; name: string } | null;
}

/** Paid sales and refunds per clerk, currency and real/training, in the order they first appear. */
function clerkRows(entries: readonly ReportEntry[], clerkOf: (saleId: string) => { id: string; name: string } | null): ClerkRow[] {
  const rows = new Map<string, ClerkRow>();
  for (const entry of entries) {
    if (entry.outcome !== 'paid' && entry.outcome !== 'refunded') continue;
    const clerk = clerkOf(entry.saleId);
    if (!clerk) continue;
    const key = `${clerk.id} ${entry.currency} ${entry.demo}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        id: clerk.id,
        name: clerk.name,
        currency: entry.currency,
        training: entry.demo,
        sales: { count: 0, amountMinor: 0 },
        refunds: { count: 0, amountMinor: 0 },
      };
      rows.set(key, row);
    }
    add(entry.outcome === 'paid' ? row.sales : row.refunds, entry.amountMinor);
  }
  return [...rows.values()];
}

/**
 * The grand totals up to and including `toSeq`, from the till's first record: real (not training)
 * sales and refunds per currency. Exact sums of the same entries the reports add up.
 */
export function grandTotals(entries: readonly ReportEntry[], toSeq: number): GrandTotal[] {
  const totals = new Map<Currency, GrandTotal>();
  for (const entry of entries) {
    if (entry.seq > toSeq || entry.demo || (entry.outcome !== 'paid' && entry.outcome !== 'refunded')) continue;
    const total = totals.get(entry.currency) ?? { currency: entry.currency, salesMinor: 0, returnsMinor: 0, netMinor: 0 };
    if (entry.outcome === 'paid') total.salesMinor += entry.amountMinor;
    else total.returnsMinor += entry.amountMinor;
    total.netMinor = total.salesMinor - total.returnsMinor;
    if (!Number.isSafeInteger(total.salesMinor) || !Number.isSafeInteger(total.returnsMinor))
      throw new RangeError('A grand total is too large to handle exactly');
    totals.set(entry.currency, total);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/** The entries whose seq lies in (period.fromSeq, period.toSeq]. */
export function entriesInPeriod(entries: readonly ReportEntry[], period: Pick<ReportPeriod, 'fromSeq' | 'toSeq'>): ReportEntry[] {
  return entries.filter((e) => e.seq > period.fromSeq && e.seq <= period.toSeq);
}

/** Aggregates the entries whose seq lies in (period.fromSeq, period.toSeq]. */
export function buildReport(entries: readonly ReportEntry[], request: ReportRequest): Report {
  const inPeriod = entriesInPeriod(entries, request.period);
  return {
    kind: request.kind,
    ...(request.tillName !== undefined ? { tillName: request.tillName } : {}),
    number: request.number,
    period: { ...request.period },
    entries: entryCount(inPeriod),
    real: section(inPeriod.filter((e) => !e.demo)),
    training: section(inPeriod.filter((e) => e.demo)),
    ...clerksOf(inPeriod, request.clerkOf),
  };
}

function clerksOf(entries: readonly ReportEntry[], clerkOf: ReportRequest['clerkOf']): { clerks?: ClerkRow[] } {
  if (!clerkOf) return {};
  const rows = clerkRows(entries, clerkOf);
  return rows.length > 0 ? { clerks: rows } : {};
}

export const shopTotalSchema = z.object({
  entries: z.number().int().nonnegative(),
  real: reportSectionSchema,
  training: reportSectionSchema,
});
export type ShopTotal = z.infer<typeof shopTotalSchema>;

/**
 * The whole shop's figures over the tills' own report entries (each till's part already cut to its
 * period): the same exact sums as each till's report, so the shop equals the sum of its tills to
 * the öre. Receipt numbers are each till's own series, so the shop shows no range of them.
 */
export function shopTotal(entries: readonly ReportEntry[]): ShopTotal {
  const part = (chosen: readonly ReportEntry[]): ReportSection => ({ ...section(chosen), firstReceipt: null, lastReceipt: null });
  return { entries: entryCount(entries), real: part(entries.filter((e) => !e.demo)), training: part(entries.filter((e) => e.demo)) };
}

/** A refusal says why in English (`reason`) and as a Message for the clerk's language. */
export type ZDecision = { ok: true; number: number; period: ReportPeriod } | { ok: false; reason: string; reasonMessage: Message };

const refuse = (reasonMessage: Message): ZDecision => ({ ok: false, reason: englishText(reasonMessage), reasonMessage });

/**
 * Whether a Z report may be taken now, and which number and period it gets: the period starts
 * after the previous Z's last record; a Z with no outcome since then is refused, so the same
 * period is never closed twice.
 */
export function nextZ(
  previous: readonly Pick<Report, 'number' | 'period'>[],
  entries: readonly Pick<ReportEntry, 'seq'>[],
  now: { seq: number; at: string },
): ZDecision {
  const last = previous.reduce<Pick<Report, 'number' | 'period'> | null>(
    (best, r) => (!best || (r.number ?? 0) > (best.number ?? 0) ? r : best),
    null,
  );
  const fromSeq = last?.period.toSeq ?? 0;
  const number = (last?.number ?? 0) + 1;
  if (now.seq < fromSeq) return refuse(msg('zJournalShorter'));
  if (!entries.some((e) => e.seq > fromSeq && e.seq <= now.seq)) {
    return refuse(last ? msg('zNothingSince', { number: number - 1 }) : msg('zNothingYet'));
  }
  return { ok: true, number, period: { fromSeq, toSeq: now.seq, fromAt: last?.period.toAt ?? null, toAt: now.at } };
}

/**
 * A sold or returned line as the Swedish day report counts it (7 kap. 2 § SKVFS 2014:9: numbers of
 * goods and services, sales per main group, discounts and other reductions). Negative for a return.
 */
export interface ArticleMove {
  currency: Currency;
  kind: ArticleKind;
  group: string;
  /** Articles: a piece line counts its pieces, a weighed line one article whatever it weighs. */
  articles: number;
  /** VAT included, after discounts. */
  amountMinor: number;
  /** Taken back by a refund: counts against goods and services, not in the groups' sales. */
  returned: boolean;
  /** A sold line: how much lower than its registered price it was sold (0: not reduced). */
  reductionMinor: number;
}

const PIECE = 1000;

/** The articles a paid sale's frozen lines sold (old lines without kind or group: goods of no group). */
export function soldArticles(totals: CartTotals): ArticleMove[] {
  return totals.lines.map((line) => ({
    currency: totals.currency,
    kind: kindOf(line),
    group: groupOf(line),
    articles: line.weighed ? 1 : Math.round(line.quantityMilli / PIECE),
    amountMinor: line.totalMinor,
    returned: false,
    reductionMinor: line.discountMinor + priceReductionMinor(line, totals.currency),
  }));
}

/**
 * The articles a refund took back, as negative moves. A piece line comes back piece by piece; a
 * weighed line is one article, taken off once: by the refund that returns the last of its weight
 * (`earlier`: the quantities earlier completed refunds of the sale took, per line).
 */
export function returnedArticles(
  totals: CartTotals,
  lines: readonly { lineId: string; quantityMilli: number; amountMinor: number }[],
  earlier: ReadonlyMap<string, number>,
): ArticleMove[] {
  const moves: ArticleMove[] = [];
  for (const returned of lines) {
    const line = totals.lines.find((l) => l.id === returned.lineId);
    if (!line) continue;
    const done = (earlier.get(line.id) ?? 0) + returned.quantityMilli;
    const articles = line.weighed ? (done >= line.quantityMilli ? 1 : 0) : Math.round(returned.quantityMilli / PIECE);
    moves.push({
      currency: totals.currency,
      kind: kindOf(line),
      group: groupOf(line),
      articles: articles === 0 ? 0 : -articles,
      amountMinor: -returned.amountMinor,
      returned: true,
      reductionMinor: 0,
    });
  }
  return moves;
}

export type ArticleCounts = Required<Pick<ReportSweden, 'groups' | 'goods' | 'services' | 'discounts'>>;

/**
 * Goods and services (articles sold less returned), sales per main group and currency (articles
 * and amounts sold, returns not taken off), and the reductions of the sold lines: exact integer
 * sums. Groups come in currency order, then by name, no group last.
 */
export function articleCounts(moves: readonly ArticleMove[]): ArticleCounts {
  const groups = new Map<string, ArticleGroupRow>();
  const discounts = new Map<Currency, { currency: Currency; count: number; amountMinor: number }>();
  let goods = 0;
  let services = 0;
  for (const move of moves) {
    if (move.kind === 'service') services += move.articles;
    else goods += move.articles;
    if (move.returned) continue;
    const key = `${move.currency} ${move.group}`;
    const row = groups.get(key) ?? { currency: move.currency, group: move.group, count: 0, amountMinor: 0 };
    row.count += move.articles;
    row.amountMinor += move.amountMinor;
    groups.set(key, row);
    if (move.reductionMinor > 0) {
      const d = discounts.get(move.currency) ?? { currency: move.currency, count: 0, amountMinor: 0 };
      add(d, move.reductionMinor);
      discounts.set(move.currency, d);
    }
    if (!Number.isSafeInteger(row.amountMinor)) throw new RangeError('A report total is too large to handle exactly');
  }
  const order = (a: ArticleGroupRow, b: ArticleGroupRow) =>
    a.currency !== b.currency
      ? a.currency < b.currency
        ? -1
        : 1
      : a.group === '' || b.group === ''
        ? Number(a.group === '') - Number(b.group === '')
        : a.group.localeCompare(b.group, 'sv');
  return {
    groups: [...groups.values()].sort(order),
    goods,
    services,
    discounts: [...discounts.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}
