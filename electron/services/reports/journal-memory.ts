import { priceCart } from '../../../shared/domain/cart';
import { organisationNumberDigits, TILL_MODEL_DESIGNATION, type FiscalReceiptKind } from '../../../shared/domain/fiscal';
import { formatMinorPlain } from '../../../shared/domain/format';
import {
  articleElement,
  JOURNAL_MEMORY_REGULATION,
  openingSchema,
  quantityText,
  registrationSchema,
  vatRateText,
  writeElement,
  XML_DECLARATION,
  xmlLeaf,
  xmlNode,
  type ReceiptKindText,
  type XmlElement,
} from '../../../shared/domain/journal-memory';
import type { Currency } from '../../../shared/domain/money';
import type { Report } from '../../../shared/domain/report';
import type { CartLine } from '../../../shared/domain/schemas';
import type { CartJournalEntry } from '../cart/cart-journal-reader';
import {
  CONTROL_UNIT_REQUEST_TYPE,
  CONTROL_UNIT_SIGNED_TYPE,
  controlUnitRequestDataSchema,
  controlUnitSignedDataSchema,
} from '../control-unit/records';
import { drawerOpenedDataSchema, isNoSaleOpening } from '../drawer/drawer-record';
import type { JournalRecord } from '../journal/journal';
import type { ExportRange } from './export';

/**
 * Gathers the registrations of SKVFS 2021:16's journal-memory export from the till's three
 * records — the cart-event journal (what the clerk registered, changed, deleted, parked, cleared),
 * the sales journal (receipts as sent to the control unit, its answers, unfinished sales) and the Z
 * reports — merges them in time order and writes the XML (shared/domain/journal-memory.ts says
 * what it may hold). Every registration is checked against the element rules as it is made.
 * Long exports give the event loop a turn every few hundred registrations: selling never waits.
 */
export interface JournalMemorySources {
  cartEntries: AsyncIterable<CartJournalEntry>;
  salesRecords: readonly JournalRecord[];
  zReports: readonly Report[];
}

export interface JournalMemoryHeader {
  organisationNumber: string;
  companyName: string;
  saleAddress: string;
  tillDesignation: string;
  currency: Currency;
  exportedAt: string;
}

export interface JournalMemoryResult {
  xml: string;
  registrations: number;
  /** Cart-journal lines that could not be read (left out, and said so). */
  damagedLines: number;
}

interface Pending {
  at: string;
  /** Tie-break for equal times: the order the records were read in. */
  order: number;
  element: XmlElement;
}

const BATCH = 250;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const receiptKindText: Record<FiscalReceiptKind, ReceiptKindText> = {
  normal: 'normal',
  copy: 'kopia',
  training: 'ovning',
  refund: 'retur',
};
const unfinished: Record<string, 'avbruten' | 'utgangen' | 'misslyckad'> = {
  cancelled: 'avbruten',
  expired: 'utgangen',
  failed: 'misslyckad',
};

function inRange(range: ExportRange): (at: string) => boolean {
  const from = range.from ? Date.parse(range.from) : -Infinity;
  const to = range.to ? Date.parse(range.to) : Infinity;
  return (at) => {
    const t = Date.parse(at);
    return t >= from && t <= to;
  };
}

/** A line's amount after its own discount (the cart discount is a registration of its own). */
function lineAmount(line: CartLine, currency: Currency): number {
  return priceCart({ currency, lines: [line], discount: null }).lines[0]?.totalMinor ?? 0;
}

/** The cart registrations in range, with the replay state (lines per cart) kept over the whole file. */
async function cartRegistrations(entries: AsyncIterable<CartJournalEntry>, wanted: (at: string) => boolean, currency: Currency) {
  const out: Pending[] = [];
  const carts = new Map<string, Map<string, CartLine>>();
  const everParked = new Set<string>();
  let damagedLines = 0;
  let read = 0;
  for await (const entry of entries) {
    if (++read % BATCH === 0) await turn();
    if (entry.kind === 'damaged') {
      damagedLines += 1;
      continue;
    }
    const { event, at, seq, by } = entry;
    const operator: Record<string, string> = by ? { kassor: by.id.slice(0, 64), kassorNamn: by.name.slice(0, 200) } : {};
    const lines = carts.get(event.cartId) ?? new Map<string, CartLine>();
    carts.set(event.cartId, lines);
    const made: XmlElement[] = [];
    const reg = (name: string, ...children: XmlElement[]) =>
      made.push(registration(name, at, `cart.journal:${seq}`, event.cartId, children, operator));
    const article = (line: CartLine) => articleElement(line, lineAmount(line, currency), currency);
    switch (event.type) {
      case 'article-registered':
        lines.set(event.line.id, event.line);
        reg('RegistreraArtikel', article(event.line));
        break;
      case 'article-changed':
      case 'article-price-changed':
        lines.set(event.line.id, event.line);
        reg('AndraRegistreradArtikel', article(event.line));
        break;
      case 'price-enquiry':
        // Not yet written to the export (its element is still to be taken from the regulation's schema).
        break;
      case 'article-deleted': {
        const was = lines.get(event.lineId);
        lines.delete(event.lineId);
        // A line the replay never saw (its registration lost in a crash) is still a deletion: named by id.
        const known = was ?? {
          id: event.lineId,
          barcode: '',
          name: event.lineId,
          unitPriceMinor: 0,
          vatRate: 0,
          quantityMilli: 1,
          weighed: false,
          unit: 'st',
          partNumber: '',
          discount: null,
          custom: false,
        };
        reg('RaderaRegistreradArtikel', article(known));
        break;
      }
      case 'sale-parked':
        everParked.add(event.cartId);
        for (const line of lines.values()) reg('ParkeraRegistreradArtikel', article(line));
        break;
      case 'parked-sale-opened':
        reg('OppnaParkering');
        break;
      case 'cart-cleared':
        reg('AnvandaClear', ...[...lines.values()].map(article));
        lines.clear();
        break;
      case 'cart-discount-changed': {
        const d = event.discount;
        const kind = d === null ? 'ingen' : d.kind === 'amount' ? 'belopp' : 'procent';
        // A percentage is written as a number with two decimals, as an amount is: 1000 basis points → "10.00".
        const value = d === null ? 0 : d.kind === 'amount' ? d.minor : d.basisPoints;
        reg(
          'AndraRabatt',
          xmlLeaf('Rabattyp', kind),
          xmlLeaf('Rabattvarde', formatMinorPlain(value, d?.kind === 'amount' ? currency : 'SEK')),
        );
        break;
      }
      case 'sale-closed':
        reg(everParked.has(event.cartId) ? 'StangaParkering' : 'AvslutaRegistrering', xmlLeaf('Kassaforsaljning', event.saleId));
        carts.delete(event.cartId);
        everParked.delete(event.cartId);
        break;
    }
    if (wanted(at)) for (const element of made) out.push({ at, order: out.length, element });
  }
  return { pending: out, damagedLines };
}

function registration(
  name: string,
  at: string,
  source: string,
  sale: string | null,
  children: XmlElement[],
  attributes: Record<string, string> = {},
): XmlElement {
  // Lopnummer is set when the registrations are merged and numbered.
  return xmlNode(
    name,
    [
      xmlLeaf('Lopnummer', '0'),
      xmlLeaf('Tidpunkt', at),
      xmlLeaf('Kalla', source),
      ...(sale !== null ? [xmlLeaf('Forsaljning', sale)] : []),
      ...children,
    ],
    attributes,
  );
}

/** Receipts (as sent to the control unit), its answers, and sales that ended unpaid. */
function salesRegistrations(records: readonly JournalRecord[], wanted: (at: string) => boolean): Pending[] {
  const out: Pending[] = [];
  const ended = new Set<string>();
  for (const record of records) {
    if (!wanted(record.at)) continue;
    const source = `sales.journal:${record.seq}`;
    const push = (name: string, children: XmlElement[]) =>
      out.push({ at: record.at, order: out.length, element: registration(name, record.at, source, record.saleId, children) });
    if (record.type === CONTROL_UNIT_REQUEST_TYPE) {
      const parsed = controlUnitRequestDataSchema.safeParse(record.data);
      if (!parsed.success) continue;
      const r = parsed.data.request;
      const currency = r.currency as Currency;
      push('Kvitto', [
        xmlLeaf('Kvittotyp', receiptKindText[r.kind]),
        xmlLeaf('Kvittonummer', String(r.receiptNumber)),
        xmlLeaf('Valuta', r.currency),
        xmlLeaf('Belopp', formatMinorPlain(r.totalMinor, currency)),
        xmlLeaf('Betalningsmedel', r.paymentMeans),
        xmlNode(
          'Rader',
          r.lines.map((l) =>
            xmlNode('Rad', [
              xmlLeaf('Namn', l.name),
              xmlLeaf('Antal', quantityText(l.quantityMilli)),
              xmlLeaf('Belopp', formatMinorPlain(l.totalMinor, currency)),
              xmlLeaf('Momssats', vatRateText(l.vatRate)),
            ]),
          ),
        ),
        xmlNode(
          'Momser',
          r.vat.map((v) =>
            xmlNode('Moms', [
              xmlLeaf('Momssats', vatRateText(v.vatRate)),
              xmlLeaf('Momsbelopp', formatMinorPlain(v.vatMinor, currency)),
              xmlLeaf('Bruttobelopp', formatMinorPlain(v.grossMinor, currency)),
            ]),
          ),
        ),
      ]);
    } else if (record.type === CONTROL_UNIT_SIGNED_TYPE) {
      const parsed = controlUnitSignedDataSchema.safeParse(record.data);
      if (!parsed.success) continue;
      push('Kontrollkod', [
        xmlLeaf('Kvittonyckel', parsed.data.key),
        xmlLeaf('Tillverkningsnummer', parsed.data.serial),
        xmlLeaf('Kod', parsed.data.code),
      ]);
    } else if (isNoSaleOpening(record)) {
      const by = drawerOpenedDataSchema.parse(record.data).by;
      out.push({
        at: record.at,
        order: out.length,
        element: registration('OppnaKassalada', record.at, source, null, [xmlLeaf('Personal', by?.name ?? '')]),
      });
    } else if (record.type === 'status-observed' || record.type === 'cancelled') {
      // Our own cancel (`cancelled`) or the provider's word (`status-observed`): one registration a sale.
      const status = record.type === 'cancelled' ? 'cancelled' : (record.data as { status?: unknown }).status;
      const reason = typeof status === 'string' ? unfinished[status] : undefined;
      if (reason && !ended.has(record.saleId)) {
        ended.add(record.saleId);
        push('AvbrutenForsaljning', [xmlLeaf('Orsak', reason)]);
      }
    }
  }
  return out;
}

function zRegistrations(reports: readonly Report[], wanted: (at: string) => boolean): Pending[] {
  return reports
    .filter((r) => r.kind === 'z' && r.number !== null && wanted(r.period.toAt))
    .map((r, order) => ({
      at: r.period.toAt,
      order,
      element: registration('Rapport', r.period.toAt, `z-reports:${r.number}`, null, [
        xmlLeaf('Rapporttyp', 'Z'),
        xmlLeaf('Rapportnummer', String(r.number)),
      ]),
    }));
}

/** Merges already time-ordered lists by time, keeping each list's own order on ties (cart, sales, reports). */
function mergeByTime(lists: Pending[][]): XmlElement[] {
  const tagged = lists.flatMap((list, source) => list.map((p) => ({ ...p, source, t: Date.parse(p.at) })));
  tagged.sort((a, b) => a.t - b.t || a.source - b.source || a.order - b.order);
  return tagged.map((p) => p.element);
}

export async function buildJournalMemory(
  sources: JournalMemorySources,
  header: JournalMemoryHeader,
  range: ExportRange,
): Promise<JournalMemoryResult> {
  const wanted = inRange(range);
  const cart = await cartRegistrations(sources.cartEntries, wanted, header.currency);
  await turn();
  const merged = mergeByTime([cart.pending, salesRegistrations(sources.salesRecords, wanted), zRegistrations(sources.zReports, wanted)]);
  const opening = xmlNode('Inledning', [
    xmlLeaf('Organisationsnummer', organisationNumberDigits(header.organisationNumber) ?? header.organisationNumber),
    xmlLeaf('Foretagsnamn', header.companyName),
    xmlLeaf('Forsaljningsadress', header.saleAddress),
    xmlLeaf('Kassabeteckning', header.tillDesignation),
    xmlLeaf('Modellbeteckning', TILL_MODEL_DESIGNATION),
    xmlLeaf('Valuta', header.currency),
    xmlLeaf('PeriodFran', range.from ?? merged[0]?.children[1]?.text ?? header.exportedAt),
    xmlLeaf('PeriodTill', range.to ?? header.exportedAt),
    xmlLeaf('Exporterad', header.exportedAt),
    xmlLeaf('AntalRegistreringar', String(merged.length)),
  ]);
  openingSchema.parse(opening);
  const parts: string[] = [
    XML_DECLARATION,
    `<Journalminne foreskrift="${JOURNAL_MEMORY_REGULATION}" version="1">\n`,
    writeElement(opening, 1),
    '  <Registreringar>\n',
  ];
  for (let i = 0; i < merged.length; i++) {
    if (i > 0 && i % BATCH === 0) await turn();
    const element = merged[i] as XmlElement;
    (element.children[0] as XmlElement).text = String(i + 1);
    registrationSchema.parse(element);
    parts.push(writeElement(element, 2));
  }
  parts.push('  </Registreringar>\n</Journalminne>\n');
  return { xml: parts.join(''), registrations: merged.length, damagedLines: cart.damagedLines };
}

/** `linkpos-journalminne-2027-01-01_2027-01-31.xml`. */
export function journalMemoryFileName(range: ExportRange): string {
  const day = (iso: string | undefined, open: string) => (iso ? iso.slice(0, 10) : open);
  return `linkpos-journalminne-${day(range.from, 'start')}_${day(range.to, 'now')}.xml`;
}
