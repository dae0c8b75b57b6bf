import { z } from 'zod';
import type { CartLine } from './schemas';
import { formatMinorPlain } from './format';
import type { Currency } from './money';

/**
 * The journal-memory export of SKVFS 2021:16 (standardexport av data i journalminne): the till's
 * registrations of a period, in time order, as one XML document. Pure: the main process gathers the
 * registrations (electron/services/reports/journal-memory.ts); this module says what the document
 * may hold, checks it, and writes it.
 *
 * What was read: the regulation's chapter list (3 kap. transfer to XML, 4 kap. opening elements,
 * 5 kap. common elements, 6–17 kap. one chapter per registration: article registered, changed,
 * deleted, parked, parking opened, … drawer opened without a sale, clear, price enquiry). Skatteverket
 * publishes no XSD that could be found, and the element-level text of the chapters was not
 * available here: the element NAMES below are ours, taken from the chapter titles, and are to be
 * checked against the regulation's text before the export is relied on (README, "Swedish
 * cash-register rules"). The structure is encoded as a checked zod schema over the element tree, so
 * every document the till writes, and every document read back in tests, is held to it.
 */

/** One XML element: a leaf has text, a container has children (and no text). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string | null;
  children: XmlElement[];
}

export const JOURNAL_MEMORY_REGULATION = 'SKVFS 2021:16';

// ---- the element rules ------------------------------------------------------------------------

const amountText = z.string().regex(/^-?\d+(\.\d{2})?$/);
const quantityPattern = z.string().regex(/^\d+\.\d{3}$/);
const vatRatePattern = z.string().regex(/^\d{1,3}\.\d{2}$/);
const countText = z.string().regex(/^(0|[1-9]\d*)$/);
const positiveText = z.string().regex(/^[1-9]\d*$/);
const dateTimeText = z.iso.datetime({ offset: true });

const noAttributes = z.object({}).strict();
const leaf = <N extends string>(name: N, text: z.ZodType<string> = z.string().max(200)) =>
  z.object({ name: z.literal(name), attributes: noAttributes, text, children: z.array(z.never()).max(0) });
// An empty container reads back from a parser with empty text; the writer gives null.
const containerText = z.union([z.null(), z.literal('')]);
function node<N extends string, T extends [z.ZodTypeAny, ...z.ZodTypeAny[]]>(
  name: N,
  children: T,
  rest?: z.ZodTypeAny,
  attributes: z.ZodTypeAny = noAttributes,
) {
  return z.object({
    name: z.literal(name),
    attributes,
    text: containerText,
    children: rest ? z.tuple(children, rest) : z.tuple(children),
  });
}
function list<N extends string>(name: N, item: z.ZodTypeAny) {
  return z.object({ name: z.literal(name), attributes: noAttributes, text: containerText, children: z.array(item) });
}

/** 5 kap. (our reading): what every registration starts with. `Kalla` names the record it was read from. */
const common = [
  leaf('Lopnummer', positiveText),
  leaf('Tidpunkt', dateTimeText),
  leaf('Kalla', z.string().regex(/^(cart|sales)\.journal:[1-9]\d*$|^z-reports:[1-9]\d*$/)),
] as const;
const sale = leaf('Forsaljning', z.string().min(1).max(64));
/**
 * A cart registration's operator (our attributes): `kassor` the member of staff's id and
 * `kassorNamn` the name as it was, both or neither — neither on a till without staff and for
 * events journaled before staff.
 */
const operator = z.union([noAttributes, z.object({ kassor: z.string().min(1).max(64), kassorNamn: z.string().min(1).max(200) }).strict()]);

const article = node('Artikel', [
  leaf('Id', z.string().min(1).max(64)),
  leaf('Namn', z.string().min(1).max(200)),
  leaf('Artikelnummer', z.string().max(64)),
  leaf('Antal', quantityPattern),
  leaf('Styckpris', amountText),
  leaf('Belopp', amountText),
  leaf('Momssats', vatRatePattern),
]);

/** The registrations the export holds; the element name says which (chapter noted beside). */
export const registrationNames = [
  'RegistreraArtikel', // 6 kap.
  'AndraRegistreradArtikel', // 7 kap.
  'RaderaRegistreradArtikel', // 8 kap.
  'ParkeraRegistreradArtikel', // 9 kap.
  'OppnaParkering', // 10 kap.
  'StangaParkering', // 14 kap.
  'OppnaKassalada', // 15 kap.: the cash drawer opened without a sale
  'AnvandaClear', // 16 kap.
  'AndraRabatt', // a reduction on the whole cart (our element)
  'AvslutaRegistrering', // the cart charged as a sale (our element)
  'Kvitto', // a receipt: normal, copy, training or return
  'Kontrollkod', // the control unit's answer for a receipt
  'AvbrutenForsaljning', // an unfinished sale: the link cancelled, expired or failed
  'Rapport', // a Z report taken
] as const;
export type RegistrationName = (typeof registrationNames)[number];

export const receiptKindTexts = ['normal', 'kopia', 'ovning', 'retur'] as const;
export type ReceiptKindText = (typeof receiptKindTexts)[number];

export const registrationSchema = z.discriminatedUnion('name', [
  node('RegistreraArtikel', [...common, sale, article], undefined, operator),
  node('AndraRegistreradArtikel', [...common, sale, article], undefined, operator),
  node('RaderaRegistreradArtikel', [...common, sale, article], undefined, operator),
  node('ParkeraRegistreradArtikel', [...common, sale, article], undefined, operator),
  node('OppnaParkering', [...common, sale], undefined, operator),
  node('StangaParkering', [...common, sale, leaf('Kassaforsaljning', z.string().min(1).max(64))], undefined, operator),
  // No sale: the drawer was opened without one; `Personal` names who did (empty on a till without staff).
  node('OppnaKassalada', [...common, leaf('Personal', z.string().max(200))]),
  node('AnvandaClear', [...common, sale], article, operator),
  node(
    'AndraRabatt',
    [...common, sale, leaf('Rabattyp', z.enum(['ingen', 'belopp', 'procent'])), leaf('Rabattvarde', amountText)],
    undefined,
    operator,
  ),
  node('AvslutaRegistrering', [...common, sale, leaf('Kassaforsaljning', z.string().min(1).max(64))], undefined, operator),
  node('Kvitto', [
    ...common,
    sale,
    leaf('Kvittotyp', z.enum(receiptKindTexts)),
    leaf('Kvittonummer', positiveText),
    leaf('Valuta', z.string().regex(/^[A-Z]{3}$/)),
    leaf('Belopp', amountText),
    leaf('Betalningsmedel', z.string().max(60)),
    list(
      'Rader',
      node('Rad', [
        leaf('Namn', z.string().max(200)),
        leaf('Antal', z.string().regex(/^-?\d+\.\d{3}$/)),
        leaf('Belopp', amountText),
        leaf('Momssats', vatRatePattern),
      ]),
    ),
    list('Momser', node('Moms', [leaf('Momssats', vatRatePattern), leaf('Momsbelopp', amountText), leaf('Bruttobelopp', amountText)])),
  ]),
  node('Kontrollkod', [
    ...common,
    sale,
    leaf('Kvittonyckel', z.string().min(1).max(80)),
    leaf('Tillverkningsnummer', z.string().min(1).max(64)),
    leaf('Kod', z.string().min(1).max(200)),
  ]),
  node('AvbrutenForsaljning', [...common, sale, leaf('Orsak', z.enum(['avbruten', 'utgangen', 'misslyckad']))]),
  node('Rapport', [...common, leaf('Rapporttyp', z.enum(['Z'])), leaf('Rapportnummer', positiveText)]),
]);

/** 4 kap. (our reading): who and what the export is about. The model designation must carry "SE". */
export const openingSchema = node('Inledning', [
  leaf('Organisationsnummer', z.string().regex(/^\d{10}$/)),
  leaf('Foretagsnamn', z.string().min(1).max(200)),
  leaf('Forsaljningsadress', z.string().min(1).max(200)),
  leaf('Kassabeteckning', z.string().min(1).max(40)),
  leaf('Modellbeteckning', z.string().regex(/(^|\s)SE(\s|$)/)),
  leaf('Valuta', z.string().regex(/^[A-Z]{3}$/)),
  leaf('PeriodFran', dateTimeText),
  leaf('PeriodTill', dateTimeText),
  leaf('Exporterad', dateTimeText),
  leaf('AntalRegistreringar', countText),
]);

/** The whole document: the opening, then the registrations numbered 1, 2, … in time order. */
export const journalMemorySchema = z
  .object({
    name: z.literal('Journalminne'),
    attributes: z.object({ foreskrift: z.literal(JOURNAL_MEMORY_REGULATION), version: z.literal('1') }).strict(),
    text: containerText,
    children: z.tuple([openingSchema, list('Registreringar', registrationSchema)]),
  })
  .superRefine((doc, ctx) => {
    const [opening, registrations] = doc.children;
    const items = registrations.children as XmlElement[];
    if (textOf(opening as XmlElement, 'AntalRegistreringar') !== String(items.length))
      ctx.addIssue({ code: 'custom', message: 'AntalRegistreringar is not the number of registrations' });
    let previous = -Infinity;
    items.forEach((item, i) => {
      if (textOf(item, 'Lopnummer') !== String(i + 1))
        ctx.addIssue({ code: 'custom', message: `registration ${i + 1} is numbered out of turn` });
      const at = Date.parse(textOf(item, 'Tidpunkt') ?? '');
      if (at < previous) ctx.addIssue({ code: 'custom', message: `registration ${i + 1} is earlier than the one before it` });
      previous = at;
    });
  });

/** The text of the first child named `name`, or null. */
export function textOf(element: XmlElement, name: string): string | null {
  return element.children.find((c) => c.name === name)?.text ?? null;
}

// ---- building ---------------------------------------------------------------------------------

export function xmlLeaf(name: string, text: string): XmlElement {
  return { name, attributes: {}, text, children: [] };
}
export function xmlNode(name: string, children: XmlElement[], attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, text: null, children };
}

/** Basis points → "25.00". */
export function vatRateText(basisPoints: number): string {
  return `${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
}
/** Thousandths → "2.000" (negative for a return's rows). */
export function quantityText(quantityMilli: number): string {
  const sign = quantityMilli < 0 ? '-' : '';
  const abs = Math.abs(quantityMilli);
  return `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** A cart line as the export shows it; `totalMinor` is the line's amount after its own discount. */
export function articleElement(line: CartLine, totalMinor: number, currency: Currency): XmlElement {
  return xmlNode('Artikel', [
    xmlLeaf('Id', line.id),
    xmlLeaf('Namn', line.name),
    xmlLeaf('Artikelnummer', line.partNumber),
    xmlLeaf('Antal', quantityText(line.quantityMilli)),
    xmlLeaf('Styckpris', formatMinorPlain(line.unitPriceMinor, currency)),
    xmlLeaf('Belopp', formatMinorPlain(totalMinor, currency)),
    xmlLeaf('Momssats', vatRateText(line.vatRate)),
  ]);
}

// ---- writing ----------------------------------------------------------------------------------

function escapeText(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than written as a broken document.
  // eslint-disable-next-line no-control-regex -- the control characters are exactly what is matched
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One element as indented XML lines (children one level deeper). */
export function writeElement(element: XmlElement, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(element.attributes)
    .map(([k, v]) => ` ${k}="${escapeText(v)}"`)
    .join('');
  if (element.text !== null) return `${pad}<${element.name}${attrs}>${escapeText(element.text)}</${element.name}>\n`;
  if (element.children.length === 0) return `${pad}<${element.name}${attrs}/>\n`;
  return `${pad}<${element.name}${attrs}>\n${element.children.map((c) => writeElement(c, depth + 1)).join('')}${pad}</${element.name}>\n`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
