import { z } from 'zod';
import { priceCart, vatOfGross } from '../../../shared/domain/cart';
import type { ControlUnitRequest } from '../../../shared/domain/fiscal';
import { organisationNumberDigits, TILL_MODEL_DESIGNATION } from '../../../shared/domain/fiscal';
import {
  amountText,
  assertRegistration,
  COMPONENT_NAMESPACE,
  INSTANCE_NAMESPACE,
  ROOT_ELEMENT,
  JournalMemoryFormatError,
  documentIssues,
  quantityAmountText,
  quantityCountText,
  ROOT_CLOSE,
  ROOT_OPEN,
  swedishDateTime,
  text72Of,
  vatRateText,
  writeElement,
  XML_DECLARATION,
  xmlLeaf,
  xmlNode,
  type RegistrationKind,
  type XmlElement,
  zReportOnlyElements,
} from '../../../shared/domain/journal-memory';
import type { Report } from '../../../shared/domain/report';
import { groupOf, kindOf, type ArticleKind, type CartLine } from '../../../shared/domain/schemas';
import type { PaymentMeans } from '../../../shared/domain/tender';
import type { CartJournalEntry } from '../cart/cart-journal-reader';
import {
  CONTROL_UNIT_REQUEST_TYPE,
  CONTROL_UNIT_SIGNED_TYPE,
  controlUnitRequestDataSchema,
  controlUnitSignedDataSchema,
} from '../control-unit/records';
import { drawerOpenedDataSchema, isNoSaleOpening } from '../drawer/drawer-record';
import type { JournalRecord } from '../journal/journal';
import { journalExportOf, type JournalExportedData } from '../report-records/export-record';
import { staffSessionOf } from '../report-records/staff-session-record';
import { zPrintOf } from '../report-records/z-print-record';
import { tillLifeOf, type TillLifeEvent } from '../report-records/till-life-record';
import { xPrintOf } from '../report-records/x-print-record';
import type { ExportRange } from './export';

/**
 * Gathers the registrations of SKVFS 2021:16's journal-memory export from the till's three
 * records — the cart-event journal (what the clerk registered, changed, deleted, parked, cleared,
 * asked the price of), the sales journal (receipts as the control unit signed them, drawer
 * openings without a sale) and the Z reports — merges them in time order and writes them in
 * Skatteverket's XML format (shared/domain/journal-memory.ts; docs/skvfs-2021-16.md says which
 * kind each of our records becomes, and what is left out). Every registration is checked against
 * the element rules as it is made. Long exports give the event loop a turn every few hundred
 * registrations: selling never waits.
 */
export interface JournalMemorySources {
  cartEntries: AsyncIterable<CartJournalEntry>;
  salesRecords: readonly JournalRecord[];
  zReports: readonly Report[];
  /**
   * The X report an `x-report-printed` record printed, recomputed as it was (the back office's
   * X report up to `upToSeq`, from the Z before the record at `seq`, made at `at`). Absent: X
   * printouts are left out.
   */
  xReportOf?: (printout: { upToSeq: number; seq: number; at: string }) => Promise<Report>;
}

export interface JournalMemoryHeader {
  organisationNumber: string;
  companyName: string;
  saleAddress: string;
  tillDesignation: string;
  /** The till's own serial number (TillverkningsnummerForKassaregistret): its permanent id. */
  tillSerial: string;
  /** LinkPOS's version (package.json). */
  version: string;
  /** The control unit's serial when the journal holds no signed receipt yet (the simulated unit's). */
  controlUnitSerial: string | null;
  /** Who exports (the member of staff signed in), if anyone. */
  exportedBy: string | null;
  exportedAt: string;
}

export interface JournalMemoryResult {
  xml: string;
  registrations: number;
  /** Cart-journal lines that could not be read (left out, and said so). */
  damagedLines: number;
}

/** No control unit has ever answered this till, so the export has no unit serial to name (the schema requires one). */
export class NoControlUnitSerialError extends Error {
  override readonly name = 'NoControlUnitSerialError';
}

/** No registration in the chosen period: the format has no empty export. */
export class EmptyJournalMemoryError extends Error {
  override readonly name = 'EmptyJournalMemoryError';
}

interface Pending {
  at: string;
  /** Tie-break for equal times: the order the records were read in. */
  order: number;
  by: string | null;
  kind: RegistrationKind;
  content: XmlElement;
}

/** What a registration needs besides its own content. */
interface Context {
  header: JournalMemoryHeader;
  organisationNumber: string;
  tillDesignation: string;
}

const BATCH = 250;
/** The longest the export works before the event loop gets a turn (a receipt costs far more than a cart event). */
const TURN_MS = 15;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A turn every BATCH items or every TURN_MS, whichever comes first: selling never waits on an export. */
function pacer(): () => Promise<void> {
  let last = performance.now();
  let n = 0;
  return async () => {
    if (++n % BATCH !== 0 && performance.now() - last < TURN_MS) return;
    await turn();
    last = performance.now();
  };
}

/** The program name beside the model designation (ModellEllerProgramForKassaregistret). */
export const TILL_PROGRAM = 'LinkPOS';

/** An article's kind in the format: goods (VARA) or a service (TJANST); a line from before kinds is goods. */
export function articleTypeOf(line: { kind?: ArticleKind | undefined }): 'VARA' | 'TJANST' {
  return kindOf(line) === 'service' ? 'TJANST' : 'VARA';
}

/** An article's kind and, when it has one, its main group (NamnPaHuvudgrupp), as the format orders them. */
function articleKindElements(line: { kind?: ArticleKind | undefined; group?: string | undefined }): XmlElement[] {
  const group = groupOf(line).trim();
  return [xmlLeaf('TypAvArtikel', articleTypeOf(line)), ...(group ? [xmlLeaf('NamnPaHuvudgrupp', text72Of(group))] : [])];
}

function inRange(range: ExportRange): (at: string) => boolean {
  const from = range.from ? Date.parse(range.from) : -Infinity;
  const to = range.to ? Date.parse(range.to) : Infinity;
  return (at) => {
    const t = Date.parse(at);
    return t >= from && t <= to;
  };
}

interface LineValues {
  totalMinor: number;
  discountMinor: number;
}
/** A line's amount after its own discount, and that discount (the cart's discount is on the receipt). */
function lineValues(line: CartLine): LineValues {
  const priced = priceCart({ currency: 'SEK', lines: [line], discount: null }).lines[0];
  return { totalMinor: priced?.totalMinor ?? 0, discountMinor: priced?.discountMinor ?? 0 };
}

/** Count, amount and unit of an article: a weighed one is one article of an amount (0.125 kg). */
function quantityElements(
  prefix: 'AntalAvRegistreradArtikel' | 'AntalAvSaldArtikel',
  quantityMilli: number,
  weighed: boolean,
  unit: string,
) {
  const counted = weighed ? null : quantityCountText(quantityMilli);
  const amountName = prefix === 'AntalAvSaldArtikel' ? 'MangdAvSaldArtikel' : 'MangdAvRegistreradArtikel';
  if (counted !== null) return [xmlLeaf(prefix, counted)];
  return [
    xmlLeaf(prefix, quantityMilli < 0 ? '-1.00' : '1.00'),
    xmlLeaf(amountName, quantityAmountText(Math.abs(quantityMilli))),
    xmlLeaf('EnhetForViktLangdTidEllerVolym', text72Of(unit, 'st')),
  ];
}

/** An article in the cart, as 6–9 kap. describe it (the common part of every article registration). */
function registeredArticle(line: CartLine): XmlElement[] {
  const { totalMinor, discountMinor } = lineValues(line);
  return [
    ...articleKindElements(line),
    ...(line.partNumber.trim() ? [xmlLeaf('Artikelnummer', text72Of(line.partNumber))] : []),
    xmlLeaf('Artikelnamn', text72Of(line.name)),
    ...quantityElements('AntalAvRegistreradArtikel', line.quantityMilli, line.weighed, line.unit),
    xmlLeaf('PrisPerEnhet', amountText(line.unitPriceMinor)),
    xmlLeaf('PrisPaRegistreradArtikel', amountText(totalMinor)),
    ...(discountMinor > 0
      ? [
          xmlNode('RabatterPaRegistreradArtikelLISTA', [
            xmlNode('RabattPaRegistreradArtikel', [xmlLeaf('RabattensBelopp', amountText(discountMinor))]),
          ]),
        ]
      : []),
    xmlLeaf('MervardesskattesatsForRegistreradArtikel', vatRateText(line.vatRate)),
    xmlLeaf('MervardesskattPaRegistreradArtikel', amountText(vatOfGross(totalMinor, line.vatRate))),
  ];
}

/** What a line was before a change (7 kap.: Tidigare…). */
function previousArticle(line: CartLine): XmlElement[] {
  const { totalMinor, discountMinor } = lineValues(line);
  const counted = line.weighed ? null : quantityCountText(line.quantityMilli);
  return [
    xmlLeaf('TidigareAntalAvRegistreradArtikel', counted ?? '1.00'),
    ...(counted === null
      ? [
          xmlLeaf('TidigareMangdAvRegistreradArtikel', quantityAmountText(line.quantityMilli)),
          xmlLeaf('TidigareEnhetForViktLangdTidEllerVolym', text72Of(line.unit, 'st')),
        ]
      : []),
    xmlLeaf('TidigarePrisPerEnhet', amountText(line.unitPriceMinor)),
    xmlLeaf('TidigarePrisPaRegistreradArtikel', amountText(totalMinor)),
    ...(discountMinor > 0
      ? [
          xmlNode('TidigareRabatterPaRegistreradArtikelLISTA', [
            xmlNode('TidigareRabattPaRegistreradArtikel', [xmlLeaf('TidigareBeloppPaRabatten', amountText(discountMinor))]),
          ]),
        ]
      : []),
    xmlLeaf('TidigareMervardesskattesatsForRegistreradArtikel', vatRateText(line.vatRate)),
    xmlLeaf('TidigareMervardesskattPaRegistreradArtikel', amountText(vatOfGross(totalMinor, line.vatRate))),
  ];
}

/** The reason written on a price change: the format has no kind of its own for one (see the note). */
export const PRICE_CHANGE_REASON = 'Prisändring';

/** The cart registrations in range, with the replay state (lines per cart) kept over the whole file. */
async function cartRegistrations(entries: AsyncIterable<CartJournalEntry>, wanted: (at: string) => boolean) {
  const out: Pending[] = [];
  /** Per cart: its lines now, and when each was first registered. */
  const carts = new Map<string, { lines: Map<string, CartLine>; registeredAt: Map<string, string> }>();
  const everParked = new Set<string>();
  /** Per sale charged from a cart: its lines' names, kinds and groups, and when each was registered (for the receipt's articles). */
  const saleLines = new Map<string, SaleLine[]>();
  let damagedLines = 0;
  const pace = pacer();
  for await (const entry of entries) {
    await pace();
    if (entry.kind === 'damaged') {
      damagedLines += 1;
      continue;
    }
    const { event, at, by } = entry;
    const cart = carts.get(event.cartId) ?? { lines: new Map<string, CartLine>(), registeredAt: new Map<string, string>() };
    carts.set(event.cartId, cart);
    const parkingId = text72Of(event.cartId);
    const made: [RegistrationKind, XmlElement[]][] = [];
    const firstAt = (lineId: string) => swedishDateTime(cart.registeredAt.get(lineId) ?? at);
    switch (event.type) {
      case 'article-registered':
        cart.lines.set(event.line.id, event.line);
        cart.registeredAt.set(event.line.id, at);
        made.push(['RegistreraArtikel', registeredArticle(event.line)]);
        break;
      case 'article-changed':
      case 'article-price-changed': {
        const was = cart.lines.get(event.line.id) ?? event.line;
        const before = event.type === 'article-price-changed' ? { ...was, unitPriceMinor: event.previousUnitPriceMinor } : was;
        cart.lines.set(event.line.id, event.line);
        made.push([
          'AndraRegistreradArtikel',
          [
            ...registeredArticle(event.line),
            ...previousArticle(before),
            xmlLeaf('UrsprungligRegistreringstidpunkt', firstAt(event.line.id)),
            ...(event.type === 'article-price-changed' ? [xmlLeaf('OrsakTillAndring', PRICE_CHANGE_REASON)] : []),
          ],
        ]);
        break;
      }
      case 'article-deleted': {
        // A line the replay never saw (its registration lost in a crash) is still a deletion: named by id.
        const was = cart.lines.get(event.lineId) ?? unknownLine(event.lineId);
        made.push([
          'RaderaRegistreradArtikel',
          [...registeredArticle(was), xmlLeaf('UrsprungligRegistreringstidpunkt', firstAt(event.lineId))],
        ]);
        cart.lines.delete(event.lineId);
        break;
      }
      case 'sale-parked':
        everParked.add(event.cartId);
        for (const line of cart.lines.values())
          made.push(['ParkeraRegistreradArtikel', [...registeredArticle(line), xmlLeaf('IdentitetsbeteckningPaParkering', parkingId)]]);
        break;
      case 'parked-sale-opened':
        made.push(['OppnaParkering', [xmlLeaf('IdentitetsbeteckningPaParkering', parkingId)]]);
        break;
      case 'parked-sale-moved': {
        // The lines moved are the parked cart's as this replay holds them (the event names only the
        // carts). Each keeps when it was first registered (the later receipt's article time); the
        // cart it joined is a parking by id from now on (its sale closes it), the one it left is gone.
        // A move from a cart this replay does not hold (its events lost to damage) moves nothing.
        const from = event.fromCartId === event.cartId ? undefined : carts.get(event.fromCartId);
        if (!from) break;
        const fromId = xmlLeaf('IdentitetsbeteckningForTidigareParkering', text72Of(event.fromCartId));
        for (const line of from.lines.values()) {
          cart.lines.set(line.id, line);
          cart.registeredAt.set(line.id, from.registeredAt.get(line.id) ?? at);
          made.push(['FlyttaParkeradArtikel', [...registeredArticle(line), xmlLeaf('IdentitetsbeteckningPaParkering', parkingId), fromId]]);
        }
        everParked.add(event.cartId);
        carts.delete(event.fromCartId);
        everParked.delete(event.fromCartId);
        break;
      }
      case 'cart-cleared':
        made.push(['AnvandaClear', []]);
        cart.lines.clear();
        break;
      case 'price-enquiry': {
        const a = event.article;
        made.push([
          'StallaPrisforfragan',
          [
            ...(a.partNumber.trim() ? [xmlLeaf('Artikelnummer', text72Of(a.partNumber))] : []),
            xmlLeaf('Artikelnamn', text72Of(a.name)),
            xmlLeaf('PrisPaEfterfragadArtikel', amountText(a.unitPriceMinor)),
          ],
        ]);
        break;
      }
      case 'cart-discount-changed':
        // The format has no registration for a discount on the whole cart: it is on the receipt
        // (RabatterPaKvittonivaLISTA), from the signed request's lines.
        break;
      case 'sale-closed':
        // A sale that was parked closes its parking (14 kap.); the sale itself is its receipt.
        if (everParked.has(event.cartId)) made.push(['StangaParkering', [xmlLeaf('IdentitetsbeteckningPaParkering', parkingId)]]);
        saleLines.set(
          event.saleId,
          [...cart.lines.values()].map((l) => ({ name: l.name, kind: l.kind, group: l.group, at: cart.registeredAt.get(l.id) ?? at })),
        );
        carts.delete(event.cartId);
        everParked.delete(event.cartId);
        break;
    }
    if (!wanted(at)) continue;
    for (const [kind, children] of made) {
      const leafKind = kind === 'AnvandaClear';
      out.push({ at, order: out.length, by: by?.name ?? null, kind, content: leafKind ? xmlLeaf(kind, 'JA') : xmlNode(kind, children) });
    }
  }
  return { pending: out, damagedLines, saleLines };
}

function unknownLine(lineId: string): CartLine {
  return {
    id: lineId,
    barcode: '',
    name: lineId,
    unitPriceMinor: 0,
    vatRate: 0,
    quantityMilli: 1000,
    weighed: false,
    unit: 'st',
    partNumber: '',
    discount: null,
    custom: false,
  };
}

const companyElements = (ctx: Context) => [
  xmlLeaf('ForetagetsNamn', text72Of(ctx.header.companyName)),
  xmlLeaf('OrganisationsnummerEllerPersonnummer', ctx.organisationNumber),
  xmlLeaf('DenAdressDarForsaljningSker', text72Of(ctx.header.saleAddress)),
];

/** A line of a sale charged from a cart: what the receipt's article of the same name is, and when it was registered. */
type SaleLine = { name: string; kind?: ArticleKind | undefined; group?: string | undefined; at: string };

/**
 * Each of a receipt's lines as its cart registered it: the cart line of the same name (each used
 * once) gives its kind, group and registration time; a line no cart registered (a sale made
 * otherwise, or a cart journal lost) is goods of no group, registered at the receipt's own time.
 */
function registeredLines(request: ControlUnitRequest, lines: readonly SaleLine[] | undefined): SaleLine[] {
  const unused = [...(lines ?? [])];
  return request.lines.map((l) => {
    const i = unused.findIndex((u) => u.name === l.name);
    const found = i >= 0 ? unused.splice(i, 1)[0] : undefined;
    return { name: l.name, kind: found?.kind, group: found?.group, at: swedishDateTime(found?.at ?? request.at) };
  });
}

/**
 * The discount on the whole cart a receipt was signed with: the sum of its lines' shares, each
 * article's price before its share, so that the articles less the discount are the signed total.
 * Null: none (or a request from before the shares were kept: its articles are written as signed,
 * after the discount).
 */
function receiptLevelDiscount(request: ControlUnitRequest): { amountMinor: number; priceOf: (i: number) => number } | null {
  const amountMinor = request.lines.reduce((sum, l) => sum + (l.cartDiscountMinor ?? 0), 0);
  if (amountMinor <= 0) return null;
  return { amountMinor, priceOf: (i) => (request.lines[i]?.totalMinor ?? 0) + (request.lines[i]?.cartDiscountMinor ?? 0) };
}

/** The receipt-level discount's name, as the printed receipt says it. */
const RECEIPT_DISCOUNT_NAME = 'Rabatt';

/** The articles, totals, payment means and VAT of a receipt as the control unit signed it. */
function receiptBody(request: ControlUnitRequest, registered: readonly SaleLine[]): XmlElement[] {
  const vatMinor = request.vat.reduce((sum, v) => sum + v.vatMinor, 0);
  const rates = request.vat.length > 0 ? request.vat : [{ vatRate: 0, vatMinor: 0 }];
  const receiptDiscount = receiptLevelDiscount(request);
  return [
    xmlNode(
      'SaldaArtiklarLISTA',
      request.lines.map((l, i) => {
        const price = receiptDiscount ? receiptDiscount.priceOf(i) : l.totalMinor;
        return xmlNode('SaldArtikel', [
          ...articleKindElements(registered[i] ?? {}),
          xmlLeaf('Artikelnamn', text72Of(l.name)),
          ...quantityElements('AntalAvSaldArtikel', l.quantityMilli, false, 'st'),
          xmlLeaf('PrisPaSaldArtikel', amountText(price)),
          xmlLeaf('MervardesskattesatsForSaldArtikel', vatRateText(l.vatRate)),
          xmlLeaf('MervardesskattPaSaldArtikel', amountText(vatOfGross(price, l.vatRate))),
          xmlLeaf('ArtikelnsRegistreringstidpunkt', registered[i]?.at ?? swedishDateTime(request.at)),
        ]);
      }),
    ),
    ...(receiptDiscount
      ? [
          xmlNode('RabatterPaKvittonivaLISTA', [
            xmlNode('RabattPaKvittoniva', [
              xmlLeaf('BenamningPaRabatt', RECEIPT_DISCOUNT_NAME),
              xmlLeaf('RabattensBeloppPaKvittoniva', amountText(receiptDiscount.amountMinor)),
            ]),
          ]),
          xmlLeaf('TotaltRabattbeloppPaKvitto', amountText(receiptDiscount.amountMinor)),
        ]
      : []),
    // The total, the VAT and the VAT per rate are the signed ones, after the discount.
    xmlLeaf('TotaltForsaljningsbeloppISvenskaKronor', amountText(request.totalMinor)),
    xmlLeaf('MervardesskattPaForsaljningsbeloppet', amountText(vatMinor)),
    xmlNode('TotalaForsaljningssummorPerBetalningsmedelLISTA', [
      xmlNode('TotalForsaljningssummaPerBetalningsmedel', [
        xmlLeaf('Betalningsmedel', text72Of(request.paymentMeans, 'Kort')),
        xmlLeaf('ForsaljningssummaPerBetalningsmedel', amountText(request.totalMinor)),
      ]),
    ]),
    xmlNode(
      'MervardesskattPaOlikaSkattesatserLISTA',
      rates.map((v) =>
        xmlNode('MervardesskattPerSkattesats', [
          xmlLeaf('Mervardesskattesats', vatRateText(v.vatRate)),
          xmlLeaf('TotaltMervardesskattebeloppPerSkattesats', amountText(v.vatMinor)),
        ]),
      ),
    ),
  ];
}

/** The number of the Z report whose period holds journal record `seq`; 0 while none does. */
function zNumberFor(reports: readonly Report[], seq: number): string {
  const z = reports.find((r) => r.kind === 'z' && r.number !== null && seq > r.period.fromSeq && seq <= r.period.toSeq);
  return String(z?.number ?? 0);
}

/**
 * Receipts (each once the control unit has signed it: a receipt is not issued before), and drawer
 * openings without a sale. A receipt the unit signed as training (the simulated unit, demo mode)
 * is a training receipt, whatever it was; a copy names the original's control code.
 */
const clerkOfSaleSchema = z.object({ clerk: z.object({ name: z.string().min(1) }).optional() });

/** The name of the clerk a `sale-created` record names, if it names one. */
function clerkNameOf(data: unknown): string | null {
  const parsed = clerkOfSaleSchema.safeParse(data);
  return parsed.success ? (parsed.data.clerk?.name ?? null) : null;
}

async function salesRegistrations(
  records: readonly JournalRecord[],
  reports: readonly Report[],
  wanted: (at: string) => boolean,
  ctx: Context,
  saleLines: ReadonlyMap<string, readonly SaleLine[]>,
): Promise<Pending[]> {
  const out: Pending[] = [];
  /** Per sale: the member of staff who charged it, from its own `sale-created` record. */
  const clerks = new Map<string, string>();
  const requests = new Map<string, { request: ControlUnitRequest; seq: number }>();
  const codes = new Map<string, string>();
  /** Per sale: its receipt's number, for a return receipt's LopnummerForUrsprungligtKassakvitto. */
  const saleReceipt = new Map<string, number>();
  let copies = 0;
  const pace = pacer();
  for (const record of records) {
    await pace();
    if (record.type === 'sale-created') {
      const clerk = clerkNameOf(record.data);
      if (clerk) clerks.set(record.saleId, clerk);
      continue;
    }
    if (record.type === CONTROL_UNIT_REQUEST_TYPE) {
      const parsed = controlUnitRequestDataSchema.safeParse(record.data);
      if (!parsed.success) continue;
      const r = parsed.data.request;
      requests.set(r.key, { request: r, seq: record.seq });
      if (r.kind === 'normal' || r.kind === 'training') saleReceipt.set(record.saleId, r.receiptNumber);
      continue;
    }
    if (record.type === CONTROL_UNIT_SIGNED_TYPE) {
      const parsed = controlUnitSignedDataSchema.safeParse(record.data);
      if (!parsed.success) continue;
      const answer = parsed.data;
      codes.set(answer.key, answer.code);
      const asked = requests.get(answer.key);
      if (!asked) continue;
      const r = asked.request;
      if (r.kind === 'copy') copies += 1;
      if (!wanted(record.at)) continue;
      const madeAt = swedishDateTime(record.at);
      const body = receiptBody(r, registeredLines(r, saleLines.get(record.saleId)));
      const tail = [
        xmlLeaf('LopnummerForZDagrapportPaKvitto', zNumberFor(reports, asked.seq)),
        xmlLeaf('TillverkningsnummerForKontrollenheten', answer.serial),
      ];
      const head = (time: string) => [...companyElements(ctx), xmlLeaf(time, swedishDateTime(r.at))];
      let kind: RegistrationKind;
      let children: XmlElement[];
      if (answer.training || r.kind === 'training') {
        kind = 'Ovningskvitto';
        children = [
          ...head('DatumOchKlockslagNarKvittoFramstalls'),
          xmlLeaf('LopnummerForOvningskvitto', String(r.receiptNumber)),
          xmlLeaf('Kassabeteckning', ctx.tillDesignation),
          ...body,
          ...tail,
        ];
      } else if (r.kind === 'copy') {
        const original = codes.get(r.key.replace(/:copy$/, ':original'));
        kind = 'KopiaAvKassakvitto';
        children = [
          ...companyElements(ctx),
          xmlLeaf('DatumOchKlockslagNarKvittoFramstalls', madeAt),
          xmlLeaf('DatumOchKlockslagNarOriginalkvittoFramstalldes', swedishDateTime(r.at)),
          xmlLeaf('LopnummerForKvittokopia', String(copies)),
          xmlLeaf('LopnummerPaOriginalkvitto', String(r.receiptNumber)),
          xmlLeaf('Kassabeteckning', ctx.tillDesignation),
          ...body,
          xmlLeaf('KontrollkodPaKopiaAvKassakvitto', answer.code),
          ...tail,
          xmlLeaf('KontrollkodForKvittotSomKopianAvser', original ?? answer.code),
        ];
      } else if (r.kind === 'refund') {
        const originalNumber = saleReceipt.get(record.saleId);
        kind = 'Returkvitto';
        children = [
          ...head('DatumOchKlockslagNarReturkvittoFramstalls'),
          xmlLeaf('LopnummerForKassakvitto', String(r.receiptNumber)),
          ...(originalNumber !== undefined ? [xmlLeaf('LopnummerForUrsprungligtKassakvitto', String(originalNumber))] : []),
          xmlLeaf('Kassabeteckning', ctx.tillDesignation),
          ...body,
          ...tail,
          xmlLeaf('Kontrollkod', answer.code),
        ];
      } else {
        kind = 'Kassakvitto';
        children = [
          ...head('DatumOchKlockslagNarKvittoFramstalls'),
          xmlLeaf('LopnummerForKassakvitto', String(r.receiptNumber)),
          xmlLeaf('Kassabeteckning', ctx.tillDesignation),
          ...body,
          ...tail,
          xmlLeaf('Kontrollkod', answer.code),
        ];
      }
      out.push({ at: record.at, order: out.length, by: clerks.get(record.saleId) ?? null, kind, content: xmlNode(kind, children) });
      continue;
    }
    if (isNoSaleOpening(record) && wanted(record.at)) {
      const by = drawerOpenedDataSchema.parse(record.data).by;
      const kind = 'OppnaKassaladaVidNollforsaljning';
      out.push({ at: record.at, order: out.length, by: by?.name ?? null, kind, content: xmlLeaf(kind, 'JA') });
    }
  }
  return out;
}

/** Payment means as the Z report names them in Swedish. */
const meansText: Record<PaymentMeans, string> = {
  swish: 'Swish',
  card: 'Kort',
  invoice: 'Faktura',
  link: 'Betallänk',
  cash: 'Kontant',
  terminal: 'Kortterminal',
};

/** A Z report (7 kap. 3 § SKVFS 2014:9) in the format's shape, from the report as it was saved. */
function zReportContent(report: Report, ctx: Context): XmlElement {
  const sek = report.real.currencies.find((c) => c.currency === 'SEK');
  const training = report.training.currencies.find((c) => c.currency === 'SEK');
  const sweden = report.sweden;
  const grand = sweden?.grandTotals.find((g) => g.currency === 'SEK');
  const vat = sek && sek.vat.length > 0 ? sek.vat : [{ vatRate: 0, vatMinor: 0 }];
  const means = sek && sek.means.length > 0 ? sek.means : [{ means: 'card' as const, amountMinor: 0 }];
  const unfinished = sek ? [sek.cancelled, sek.expired, sek.failed] : [];
  const sum = (rows: readonly { count: number; amountMinor: number }[]) =>
    rows.reduce((acc, r) => ({ count: acc.count + r.count, amountMinor: acc.amountMinor + r.amountMinor }), { count: 0, amountMinor: 0 });
  const open = sum(unfinished);
  const groups = (sweden?.groups ?? []).filter((g) => g.currency === 'SEK');
  const discounts = sweden?.discounts?.find((d) => d.currency === 'SEK');
  return xmlNode('ZDagrapport', [
    xmlLeaf('ForetagetsNamn', text72Of(ctx.header.companyName)),
    xmlLeaf('OrganisationsnummerEllerPersonnummer', organisationNumberDigits(sweden?.organisationNumber ?? '') ?? ctx.organisationNumber),
    xmlLeaf('DatumOchKlockslagNarRapportFramstalls', swedishDateTime(report.period.toAt)),
    xmlLeaf('LopnummerForZDagrapport', String(report.number)),
    xmlLeaf('Kassabeteckning', text72Of(sweden?.tillDesignation ?? '', ctx.tillDesignation)),
    ...tillIdentity(ctx, sweden?.modelDesignation),
    xmlLeaf('TotalForsaljningssumma', amountText(sek?.sales.amountMinor ?? 0)),
    ...(groups.length > 0
      ? [
          xmlNode(
            'TotalaForsaljningssummorForOlikaHuvudgrupperLISTA',
            groups.map((g) =>
              xmlNode('TotalForsaljningssummaForOlikaHuvudgrupper', [
                ...(g.group.trim() ? [xmlLeaf('NamnPaHuvudgrupp', text72Of(g.group))] : []),
                xmlLeaf('TotalForsaljningssummaForHuvudgrupp', amountText(g.amountMinor)),
              ]),
            ),
          ),
        ]
      : []),
    xmlNode(
      'MervardesskattPaOlikaSkattesatserLISTA',
      vat.map((v) =>
        xmlNode('MervardesskattPerSkattesats', [
          xmlLeaf('Mervardesskattesats', vatRateText(v.vatRate)),
          xmlLeaf('TotaltMervardesskattebeloppPerSkattesats', amountText(v.vatMinor)),
        ]),
      ),
    ),
    xmlLeaf('VaxelkassansBeloppISvenskaKronor', amountText(sweden?.floatMinor ?? 0)),
    ...(sweden?.goods !== undefined ? [xmlLeaf('AntalSaldaVaror', String(sweden.goods))] : []),
    ...(sweden?.services !== undefined ? [xmlLeaf('AntalSaldaTjanster', String(sweden.services))] : []),
    xmlLeaf('AntalKassakvitton', String((sek?.sales.count ?? 0) + (sek?.refunds.count ?? 0))),
    ...(report.drawerOpenings !== undefined ? [xmlLeaf('AntalKassaladoppningar', String(report.drawerOpenings))] : []),
    ...(sweden
      ? [
          xmlLeaf('AntalKvittokopior', String(sweden.copies.count)),
          xmlLeaf('TotaltBeloppPaKvittokopior', amountText(sweden.copies.amountMinor)),
        ]
      : []),
    xmlLeaf('AntalKvittonSomTagitsFramIOvningslage', String((training?.sales.count ?? 0) + (training?.refunds.count ?? 0))),
    xmlLeaf('TotaltBeloppIOvningslage', amountText(Math.abs(training?.sales.amountMinor ?? 0))),
    xmlNode(
      'TotalaForsaljningssummorPerBetalningsmedelLISTA',
      means.map((m) =>
        xmlNode('TotalForsaljningssummaPerBetalningsmedel', [
          xmlLeaf('Betalningsmedel', meansText[m.means]),
          xmlLeaf('ForsaljningssummaPerBetalningsmedel', amountText(m.amountMinor)),
        ]),
      ),
    ),
    xmlLeaf('AntalReturer', String(sek?.refunds.count ?? 0)),
    xmlLeaf('ReturernasBelopp', amountText(sek?.refunds.amountMinor ?? 0)),
    // The Z counts discounts and prices lowered by hand together, as the discounts (docs/skvfs-2021-16.md).
    xmlLeaf('RabatternasBelopp', amountText(discounts?.amountMinor ?? 0)),
    xmlLeaf('AntalOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp', '0'),
    xmlLeaf('TotaltBeloppAvOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp', amountText(0)),
    xmlLeaf('AntalOavslutadeForsaljningar', String(open.count)),
    xmlLeaf('TotaltBeloppAvOavslutadeForsaljningar', amountText(Math.abs(open.amountMinor))),
    xmlLeaf('GrandTotalForsaljning', amountText(Math.max(0, grand?.salesMinor ?? 0))),
    xmlLeaf('GrandTotalRetur', amountText(grand?.returnsMinor ?? 0)),
    xmlLeaf('GrandTotalNetto', amountText(grand?.netMinor ?? 0)),
  ]);
}

/** The till's identification (Kassaregistersystemet, and a Z report's). */
function tillIdentity(ctx: Context, modelDesignation = TILL_MODEL_DESIGNATION): XmlElement[] {
  return [
    xmlLeaf('TillverkningsnummerForKassaregistret', ctx.header.tillSerial),
    xmlLeaf('ModellbeteckningForKassaregistret', text72Of(modelDesignation, TILL_MODEL_DESIGNATION)),
    xmlLeaf('ModellEllerProgramForKassaregistret', TILL_PROGRAM),
    xmlLeaf('VersionsnummerForKassaregistret', text72Of(ctx.header.version)),
  ];
}

/** An X report (7 kap. 2 § SKVFS 2014:9) in the format's shape: the Z's content less what only a Z has. */
function xReportContent(report: Report, ctx: Context): XmlElement {
  return xmlNode(
    'XDagrapport',
    zReportContent(report, ctx).children.filter((e) => !zReportOnlyElements.has(e.name)),
  );
}

/** A till-life record's registration: start, restart, stop, the clock set back, training mode on or off. */
function tillLifeContent(event: TillLifeEvent, at: string): { kind: RegistrationKind; content: XmlElement } {
  switch (event.kind) {
    case 'started': {
      const kind = event.restart ? 'OmstartAvKassaregister' : 'StartAvKassaregister';
      return { kind, content: xmlLeaf(kind, 'JA') };
    }
    case 'stopped':
      return { kind: 'StoppAvKassaregister', content: xmlLeaf('StoppAvKassaregister', 'JA') };
    case 'mode-changed': {
      const kind = event.training ? 'StallaOmTillOvningslage' : 'StallaOmTillNormallage';
      return { kind, content: xmlLeaf(kind, 'JA') };
    }
    case 'clock-changed':
      // The new time is when the till saw it: the record's own time.
      return {
        kind: 'StallaOmKlockan',
        content: xmlNode('StallaOmKlockan', [xmlLeaf('NyTidVidOmstallningAvKlockan', swedishDateTime(at))]),
      };
  }
}

/**
 * The sales journal's registrations of the till rather than of a sale: X report printouts (each
 * recomputed as printed), other reports (exports, Z copies), staff sign-in and sign-out, under the
 * member's name, and the till's start, stop, clock and mode.
 */
async function tillRegistrations(
  records: readonly JournalRecord[],
  wanted: (at: string) => boolean,
  ctx: Context,
  xReportOf: JournalMemorySources['xReportOf'],
): Promise<Pending[]> {
  const out: Pending[] = [];
  const pace = pacer();
  for (const record of records) {
    await pace();
    if (!wanted(record.at)) continue;
    const session = staffSessionOf(record);
    if (session) {
      const kind = session.kind === 'sign-in' ? 'InloggningIKassaregister' : 'UtloggningUrKassaregister';
      out.push({ at: record.at, order: out.length, by: session.member.name, kind, content: xmlLeaf(kind, 'JA') });
      continue;
    }
    const life = tillLifeOf(record);
    if (life) {
      const by = life.kind === 'mode-changed' ? (life.by?.name ?? null) : null;
      out.push({ at: record.at, order: out.length, by, ...tillLifeContent(life, record.at) });
      continue;
    }
    const other = otherReportOf(record);
    if (other) {
      out.push({ at: record.at, order: out.length, by: other.by, kind: 'OvrigRapport', content: other.content });
      continue;
    }
    const x = xReportOf ? xPrintOf(record) : null;
    if (x && xReportOf) {
      const report = await xReportOf({ upToSeq: x.upToSeq, seq: record.seq, at: record.at });
      out.push({ at: record.at, order: out.length, by: x.by?.name ?? null, kind: 'XDagrapport', content: xReportContent(report, ctx) });
    }
  }
  return out;
}

/** The name an `OvrigRapport` gives each export of the journal. */
const exportName: Record<JournalExportedData['format'], string> = {
  csv: 'Export av journal (CSV)',
  json: 'Export av journal (JSON)',
  'skvfs-2021-16': 'Export av data från journalminne (SKVFS 2021:16)',
};

/**
 * A report the format has no kind of its own for, as an `OvrigRapport` (a name, and what the report
 * was asked for as `Sokparameter`): an export of the journal (its period) or a copy of a Z report
 * (its number; a Z's first printout is the ZDagrapport itself). Null for any other record.
 */
function otherReportOf(record: JournalRecord): { by: string | null; content: XmlElement } | null {
  const other = (by: string | null, name: string, parameter: string) => ({
    by,
    content: xmlNode('OvrigRapport', [xmlLeaf('NamnPaOvrigRapport', name), xmlLeaf('Sokparameter', parameter)]),
  });
  const exported = journalExportOf(record);
  if (exported) {
    const from = exported.from ? swedishDateTime(exported.from) : 'journalens början';
    const to = exported.to ? swedishDateTime(exported.to) : swedishDateTime(record.at);
    return other(exported.by?.name ?? null, exportName[exported.format], `Period ${from} – ${to}`);
  }
  const z = zPrintOf(record);
  return z?.copy ? other(z.by?.name ?? null, 'Kopia av Z-dagrapport', `Z-dagrapport nr ${z.number}`) : null;
}

function zRegistrations(reports: readonly Report[], wanted: (at: string) => boolean, ctx: Context): Pending[] {
  return reports
    .filter((r) => r.kind === 'z' && r.number !== null && wanted(r.period.toAt))
    .map((r, order) => ({ at: r.period.toAt, order, by: r.closedBy?.name ?? null, kind: 'ZDagrapport', content: zReportContent(r, ctx) }));
}

/** Merges already time-ordered lists by time, keeping each list's own order on ties (cart, sales, reports). */
function mergeByTime(lists: Pending[][]): Pending[] {
  const tagged = lists.flatMap((list, source) => list.map((p) => ({ p, source, t: Date.parse(p.at) })));
  tagged.sort((a, b) => a.t - b.t || a.source - b.source || a.p.order - b.p.order);
  return tagged.map((x) => x.p);
}

/** The last serial a control unit signed with, in the journal. */
function lastUnitSerial(records: readonly JournalRecord[]): string | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i] as JournalRecord;
    if (record.type !== CONTROL_UNIT_SIGNED_TYPE) continue;
    const parsed = controlUnitSignedDataSchema.safeParse(record.data);
    if (parsed.success && !parsed.data.training) return parsed.data.serial;
  }
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i] as JournalRecord;
    const parsed = record.type === CONTROL_UNIT_SIGNED_TYPE ? controlUnitSignedDataSchema.safeParse(record.data) : null;
    if (parsed?.success) return parsed.data.serial;
  }
  return null;
}

export async function buildJournalMemory(
  sources: JournalMemorySources,
  header: JournalMemoryHeader,
  range: ExportRange,
): Promise<JournalMemoryResult> {
  const wanted = inRange(range);
  const ctx: Context = {
    header,
    organisationNumber: organisationNumberDigits(header.organisationNumber) ?? header.organisationNumber,
    tillDesignation: text72Of(header.tillDesignation),
  };
  const cart = await cartRegistrations(sources.cartEntries, wanted);
  await turn();
  const sales = await salesRegistrations(sources.salesRecords, sources.zReports, wanted, ctx, cart.saleLines);
  await turn();
  const till = await tillRegistrations(sources.salesRecords, wanted, ctx, sources.xReportOf);
  const merged = mergeByTime([cart.pending, sales, zRegistrations(sources.zReports, wanted, ctx), till]);
  await turn();
  if (merged.length === 0) throw new EmptyJournalMemoryError('No registrations in the chosen period.');
  const unitSerial = lastUnitSerial(sources.salesRecords) ?? header.controlUnitSerial;
  if (!unitSerial) throw new NoControlUnitSerialError('No control unit serial number is known yet.');
  const exportedAt = swedishDateTime(header.exportedAt);
  const opening: XmlElement[] = [
    ...(header.exportedBy ? [xmlLeaf('InloggadAnvandareVidExportAvDataFranJournalminnet', text72Of(header.exportedBy))] : []),
    xmlLeaf('BeteckningPaDetKassaregisterSomExportAvDataFranJournalminnetSkerIfran', ctx.tillDesignation),
    xmlLeaf('TidpunktForNarExportAvDataFranJournalminnetSker', exportedAt),
    xmlNode('ValdPeriodForExportAvDataFranJournalminne', [
      xmlLeaf('ValdStarttidpunktForExportAvDataFranJournalminnet', swedishDateTime(range.from ?? (merged[0] as Pending).at)),
      xmlLeaf('ValdSluttidpunktForExportAvDataFranJournalminnet', swedishDateTime(range.to ?? header.exportedAt)),
    ]),
    xmlNode('BeteckningPaValdaKassaregisterForExportAvDataFranJournalminnenLISTA', [
      xmlLeaf('BeteckningPaValtKassaregisterForExportAvDataFranJournalminnet', ctx.tillDesignation),
    ]),
    xmlNode('InformationOmForetaget', [
      xmlLeaf('OrganisationsnummerEllerPersonnummer', ctx.organisationNumber),
      xmlLeaf('ForetagetsNamn', text72Of(header.companyName)),
      xmlLeaf('DenAdressDarForsaljningSker', text72Of(header.saleAddress)),
    ]),
    xmlNode('KassaregistersystemLISTA', [
      xmlNode('Kassaregistersystemet', [
        ...tillIdentity(ctx),
        xmlLeaf('Kassabeteckning', ctx.tillDesignation),
        xmlLeaf('TillverkningsnummerForKontrollenheten', unitSerial),
      ]),
    ]),
  ];
  // The opening is checked as a document whose one registration is the first (checked again below).
  const first = handelse(merged[0] as Pending, ctx);
  const issues = documentIssues({
    name: ROOT_ELEMENT,
    attributes: { 'xmlns:utrein': INSTANCE_NAMESPACE, 'xmlns:utreko': COMPONENT_NAMESPACE },
    text: null,
    children: [...opening, xmlNode('RegistreringLISTA', [first])],
  });
  if (issues.length > 0) throw new JournalMemoryFormatError(issues);

  const parts: string[] = [XML_DECLARATION, ROOT_OPEN, ...opening.map((e) => writeElement(e, 1)), '  <utreko:RegistreringLISTA>\n'];
  const pace = pacer();
  for (let i = 0; i < merged.length; i++) {
    await pace();
    const element = i === 0 ? first : handelse(merged[i] as Pending, ctx);
    assertRegistration(element);
    parts.push(writeElement(element, 2));
  }
  parts.push('  </utreko:RegistreringLISTA>\n', ROOT_CLOSE);
  return { xml: parts.join(''), registrations: merged.length, damagedLines: cart.damagedLines };
}

/** One registration: who (if known), the till, when, and what. */
function handelse(p: Pending, ctx: Context): XmlElement {
  return xmlNode('Handelse', [
    ...(p.by ? [xmlLeaf('InloggadAnvandare', text72Of(p.by))] : []),
    xmlLeaf('Kassabeteckning', ctx.tillDesignation),
    xmlLeaf('Registreringstidpunkt', swedishDateTime(p.at)),
    p.content,
  ]);
}

/** `linkpos-journalminne-2027-01-01_2027-01-31.xml`. */
export function journalMemoryFileName(range: ExportRange): string {
  const day = (iso: string | undefined, open: string) => (iso ? iso.slice(0, 10) : open);
  return `linkpos-journalminne-${day(range.from, 'start')}_${day(range.to, 'now')}.xml`;
}
