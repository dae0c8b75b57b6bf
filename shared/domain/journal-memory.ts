import { z } from 'zod';

/**
 * The journal-memory export of SKVFS 2021:16 (standardexport av data i journalminne): the till's
 * registrations of a period, in time order, as one XML document in Skatteverket's format. Pure: the
 * main process gathers the registrations (electron/services/reports/journal-memory.ts); this module
 * says what the document may hold, checks it, and writes it.
 *
 * The format is Skatteverket's XML schema, version 2021-12-08 (docs/skvfs-2021-16.md: where it was
 * read, and what LinkPOS writes of it). The test suite validates every export against the schema
 * itself (test/fixtures/fiscal/, with xmllint); at run time the element rules below, which follow
 * the schema's content models and value types for every element LinkPOS writes, check each
 * registration as it is made. A kind LinkPOS never writes (pro forma receipts, change of float, …)
 * is refused by these rules even though the schema has it.
 */

/** One XML element by its local name: a leaf has text, a container has children (and no text). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string | null;
  children: XmlElement[];
}

export const JOURNAL_MEMORY_REGULATION = 'SKVFS 2021:16';
export const JOURNAL_MEMORY_SCHEMA_VERSION = '2021-12-08';
/** The root element's namespace (prefix `utrein`), and every other element's (prefix `utreko`). */
// Namespace names, never fetched: Skatteverket's schema spells them with http.
// eslint-disable-next-line @microsoft/sdl/no-insecure-url -- an XML namespace name, not a URL to open
export const INSTANCE_NAMESPACE = 'http://xmls.skatteverket.se/se/skatteverket/td/instans/utredningsstod/1.0';
// eslint-disable-next-line @microsoft/sdl/no-insecure-url -- an XML namespace name, not a URL to open
export const COMPONENT_NAMESPACE = 'http://xmls.skatteverket.se/se/skatteverket/td/komponent/utredningsstod/1.0';
export const ROOT_ELEMENT = 'ExportAvDataFranJournalminneEnligtSKVFS2021-16';

// ---- value types (the schema's simple types) ----------------------------------------------------

/** Text of 1–72 characters: most of the schema's strings. */
const text72 = z.string().min(1).max(72);
/** xs:decimal with at most two decimals, within the schema's bounds. */
const decimal2 = z.string().regex(/^-?\d{1,11}(\.\d{1,2})?$/);
const nonNegativeDecimal2 = z.string().regex(/^\d{1,11}(\.\d{1,2})?$/);
const count = z.string().regex(/^(0|[1-9]\d{0,12})$/);
/** LopnummerTYPE: 1–12 digits. */
const serialNumber = z.string().regex(/^\d{1,12}$/);
/** DatumOchKlockslagTYPE: xs:dateTime as yyyy-MM-ddTHH:mm:ss, year 2010–2099, no fraction, no zone. */
const dateTime = z.string().regex(/^20[1-9]\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
const yes = z.literal('JA');
/** An organisation number (third digit 2–9) or a personnummer with century (12 digits). */
const organisationOrPersonNumber = z.string().regex(/^(\d{2}[2-9]\d{7}|(19|20)\d{10})$/);
/** TillverkningsnummerForKontrollenhetenTYPE: 17 letters, digits, spaces or hyphens. */
const controlUnitSerial = z.string().regex(/^[A-Za-z0-9 -]{17}$/);
/** TillverkningsnummerForKassaregistretTYPE: 1–48, no leading, trailing or double spaces. */
const tillSerial = z
  .string()
  .max(48)
  .regex(/^[0-9A-Za-z-](?:[0-9A-Za-z-]| [0-9A-Za-z-])*$/);
/** KontrollkodTYPE: exactly 59 characters. */
const controlCode = z.string().length(59);
const articleType = z.enum(['VARA', 'TJANST']);

// ---- content models (the schema's complex types) ------------------------------------------------

type Content = Particle[];
type ElementType = z.ZodType<string> | Content;
type Particle = { el: string; type: ElementType; min: 0 | 1; max: number } | { choice: Particle[] };

const one = (el: string, type: ElementType): Particle => ({ el, type, min: 1, max: 1 });
const opt = (el: string, type: ElementType): Particle => ({ el, type, min: 0, max: 1 });
const many = (el: string, type: ElementType): Particle => ({ el, type, min: 1, max: Infinity });
const choice = (...options: Particle[]): Particle => ({ choice: options });

const discounts = (list: string, item: string, amount: string): Particle =>
  opt(list, [many(item, [opt('BenamningPaRabatt', text72), one(amount, decimal2)])]);

/** An article in the cart (6, 7, 8 and 9 kap.): what every article registration starts with. */
const registeredArticle: Content = [
  opt('IdentitetsbeteckningForRegistreringAvArtiklar', text72),
  one('TypAvArtikel', articleType),
  opt('NamnPaHuvudgrupp', text72),
  opt('Artikelnummer', text72),
  one('Artikelnamn', text72),
  one('AntalAvRegistreradArtikel', decimal2),
  opt('MangdAvRegistreradArtikel', text72),
  opt('EnhetForViktLangdTidEllerVolym', text72),
  opt('PrisPerEnhet', decimal2),
  one('PrisPaRegistreradArtikel', decimal2),
  discounts('RabatterPaRegistreradArtikelLISTA', 'RabattPaRegistreradArtikel', 'RabattensBelopp'),
  one('MervardesskattesatsForRegistreradArtikel', decimal2),
  one('MervardesskattPaRegistreradArtikel', decimal2),
];
const changedArticle: Content = [
  ...registeredArticle,
  one('TidigareAntalAvRegistreradArtikel', decimal2),
  opt('TidigareMangdAvRegistreradArtikel', text72),
  opt('TidigareEnhetForViktLangdTidEllerVolym', text72),
  opt('TidigarePrisPerEnhet', decimal2),
  one('TidigarePrisPaRegistreradArtikel', decimal2),
  opt('TidigareRabatterPaRegistreradArtikelLISTA', [
    many('TidigareRabattPaRegistreradArtikel', [opt('TidigareBenamningPaRabatt', text72), one('TidigareBeloppPaRabatten', decimal2)]),
  ]),
  one('TidigareMervardesskattesatsForRegistreradArtikel', decimal2),
  one('TidigareMervardesskattPaRegistreradArtikel', decimal2),
  one('UrsprungligRegistreringstidpunkt', dateTime),
  opt('OrsakTillAndring', text72),
];
const deletedArticle: Content = [...registeredArticle, one('UrsprungligRegistreringstidpunkt', dateTime), opt('TypAvRadering', text72)];
const parkedArticle: Content = [...registeredArticle, opt('IdentitetsbeteckningPaParkering', text72)];
const parking: Content = [opt('IdentitetsbeteckningPaParkering', text72)];
const movedParkedArticle: Content = [
  ...registeredArticle,
  opt('IdentitetsbeteckningPaParkering', text72),
  opt('IdentitetsbeteckningForTidigareParkering', text72),
];
const priceEnquiry: Content = [
  opt('NamnPaHuvudgrupp', text72),
  opt('Artikelnummer', text72),
  one('Artikelnamn', text72),
  one('PrisPaEfterfragadArtikel', decimal2),
];

const company: Content = [
  one('ForetagetsNamn', text72),
  one('OrganisationsnummerEllerPersonnummer', organisationOrPersonNumber),
  one('DenAdressDarForsaljningSker', text72),
];
const soldArticle: Content = [
  opt('IdentitetsbeteckningForRegistreringAvArtiklar', text72),
  one('TypAvArtikel', articleType),
  opt('NamnPaHuvudgrupp', text72),
  opt('Artikelnummer', text72),
  one('Artikelnamn', text72),
  one('AntalAvSaldArtikel', decimal2),
  opt('MangdAvSaldArtikel', text72),
  opt('EnhetForViktLangdTidEllerVolym', text72),
  opt('PrisPerEnhet', decimal2),
  one('PrisPaSaldArtikel', decimal2),
  discounts('RabatterPaSaldArtikelLISTA', 'RabattPaSaldArtikel', 'RabattensBelopp'),
  one('MervardesskattesatsForSaldArtikel', decimal2),
  one('MervardesskattPaSaldArtikel', decimal2),
  one('ArtikelnsRegistreringstidpunkt', dateTime),
];
const perPaymentMeans = one('TotalaForsaljningssummorPerBetalningsmedelLISTA', [
  many('TotalForsaljningssummaPerBetalningsmedel', [one('Betalningsmedel', text72), one('ForsaljningssummaPerBetalningsmedel', decimal2)]),
]);
const vatPerRate = one('MervardesskattPaOlikaSkattesatserLISTA', [
  many('MervardesskattPerSkattesats', [
    one('Mervardesskattesats', nonNegativeDecimal2),
    one('TotaltMervardesskattebeloppPerSkattesats', decimal2),
  ]),
]);
/** The articles, discounts and totals every receipt kind has. */
const receiptBody: Content = [
  one('SaldaArtiklarLISTA', [many('SaldArtikel', soldArticle)]),
  discounts('RabatterPaKvittonivaLISTA', 'RabattPaKvittoniva', 'RabattensBeloppPaKvittoniva'),
  opt('TotaltRabattbeloppPaKvitto', decimal2),
  one('TotaltForsaljningsbeloppISvenskaKronor', decimal2),
  one('MervardesskattPaForsaljningsbeloppet', decimal2),
  perPaymentMeans,
  vatPerRate,
];
const unitSerial = choice(one('TillverkningsnummerForKontrollenheten', controlUnitSerial));
const receiptTail: Content = [
  opt('ElektronisktKassakvitto', yes),
  one('LopnummerForZDagrapportPaKvitto', serialNumber),
  unitSerial,
  choice(one('Kontrollkod', controlCode)),
];
const saleReceipt: Content = [
  ...company,
  one('DatumOchKlockslagNarKvittoFramstalls', dateTime),
  one('LopnummerForKassakvitto', serialNumber),
  one('Kassabeteckning', text72),
  opt('IdentitetsbeteckningPaParkering', text72),
  ...receiptBody,
  ...receiptTail,
];
const returnReceipt: Content = [
  ...company,
  one('DatumOchKlockslagNarReturkvittoFramstalls', dateTime),
  one('LopnummerForKassakvitto', serialNumber),
  opt('LopnummerForUrsprungligtKassakvitto', serialNumber),
  one('Kassabeteckning', text72),
  ...receiptBody,
  ...receiptTail,
];
const receiptCopy: Content = [
  ...company,
  one('DatumOchKlockslagNarKvittoFramstalls', dateTime),
  one('DatumOchKlockslagNarOriginalkvittoFramstalldes', dateTime),
  one('LopnummerForKvittokopia', serialNumber),
  one('LopnummerPaOriginalkvitto', serialNumber),
  one('Kassabeteckning', text72),
  opt('IdentitetsbeteckningPaParkering', text72),
  ...receiptBody,
  opt('KontrollkodPaKopiaAvKassakvitto', controlCode),
  opt('ElektroniskKopiaAvKassakvitto', yes),
  one('LopnummerForZDagrapportPaKvitto', serialNumber),
  unitSerial,
  choice(one('KontrollkodForKvittotSomKopianAvser', controlCode)),
];
const trainingReceipt: Content = [
  ...company,
  one('DatumOchKlockslagNarKvittoFramstalls', dateTime),
  opt('LopnummerForOvningskvitto', z.string().min(1).max(12)),
  one('Kassabeteckning', text72),
  opt('IdentitetsbeteckningPaParkering', text72),
  ...receiptBody,
  one('LopnummerForZDagrapportPaKvitto', serialNumber),
  unitSerial,
];

const tillIdentity: Content = [
  one('TillverkningsnummerForKassaregistret', tillSerial),
  one('ModellbeteckningForKassaregistret', text72.regex(/(^|\s)SE(\s|$)/)),
  one('ModellEllerProgramForKassaregistret', text72),
  one('VersionsnummerForKassaregistret', text72),
];
const zReport: Content = [
  one('ForetagetsNamn', text72),
  one('OrganisationsnummerEllerPersonnummer', organisationOrPersonNumber),
  one('DatumOchKlockslagNarRapportFramstalls', dateTime),
  one('LopnummerForZDagrapport', serialNumber),
  one('Kassabeteckning', text72),
  ...tillIdentity,
  one('TotalForsaljningssumma', decimal2),
  opt('TotalaForsaljningssummorForOlikaHuvudgrupperLISTA', [
    many('TotalForsaljningssummaForOlikaHuvudgrupper', [
      opt('NamnPaHuvudgrupp', text72),
      one('TotalForsaljningssummaForHuvudgrupp', decimal2),
    ]),
  ]),
  vatPerRate,
  one('VaxelkassansBeloppISvenskaKronor', decimal2),
  opt('AntalSaldaVaror', decimal2),
  opt('AntalSaldaTjanster', decimal2),
  one('AntalKassakvitton', count),
  opt('AntalKassaladoppningar', count),
  opt('AntalKvittokopior', count),
  opt('TotaltBeloppPaKvittokopior', decimal2),
  opt('AntalKvittonSomTagitsFramIOvningslage', count),
  opt('TotaltBeloppIOvningslage', nonNegativeDecimal2),
  perPaymentMeans,
  one('AntalReturer', count),
  one('ReturernasBelopp', decimal2),
  one('RabatternasBelopp', decimal2),
  one('AntalOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp', count),
  one('TotaltBeloppAvOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp', nonNegativeDecimal2),
  one('AntalOavslutadeForsaljningar', count),
  one('TotaltBeloppAvOavslutadeForsaljningar', nonNegativeDecimal2),
  one('GrandTotalForsaljning', nonNegativeDecimal2),
  one('GrandTotalRetur', decimal2),
  one('GrandTotalNetto', decimal2),
];

/** What a Z report has and an X report has not: XDagrapportTYPE is ZDagrapportTYPE without them. */
export const zReportOnlyElements: ReadonlySet<string> = new Set([
  'LopnummerForZDagrapport',
  ...tillIdentity.flatMap((p) => ('el' in p ? [p.el] : [])),
]);
const xReport: Content = zReport.filter((p) => !('el' in p && zReportOnlyElements.has(p.el)));

/** The kinds of registration (Handelse) LinkPOS writes, each with its content. */
export const registrationKinds = {
  RegistreraArtikel: registeredArticle,
  AndraRegistreradArtikel: changedArticle,
  RaderaRegistreradArtikel: deletedArticle,
  ParkeraRegistreradArtikel: parkedArticle,
  OppnaParkering: parking,
  FlyttaParkeradArtikel: movedParkedArticle,
  StangaParkering: parking,
  OppnaKassaladaVidNollforsaljning: yes,
  AnvandaClear: yes,
  StallaPrisforfragan: priceEnquiry,
  Kassakvitto: saleReceipt,
  Returkvitto: returnReceipt,
  KopiaAvKassakvitto: receiptCopy,
  Ovningskvitto: trainingReceipt,
  XDagrapport: xReport,
  ZDagrapport: zReport,
  OvrigRapport: [one('NamnPaOvrigRapport', text72), one('Sokparameter', z.string().min(1).max(256))],
  InloggningIKassaregister: yes,
  UtloggningUrKassaregister: yes,
  StartAvKassaregister: yes,
  StoppAvKassaregister: yes,
  OmstartAvKassaregister: yes,
  StallaOmKlockan: [one('NyTidVidOmstallningAvKlockan', dateTime)],
  StallaOmTillOvningslage: yes,
  StallaOmTillNormallage: yes,
} satisfies Record<string, ElementType>;
export type RegistrationKind = keyof typeof registrationKinds;

const registration: Content = [
  opt('InloggadAnvandare', text72),
  one('Kassabeteckning', text72),
  one('Registreringstidpunkt', dateTime),
  choice(...Object.entries(registrationKinds).map(([name, type]) => one(name, type))),
];

const documentContent: Content = [
  opt('InloggadAnvandareVidExportAvDataFranJournalminnet', text72),
  one('BeteckningPaDetKassaregisterSomExportAvDataFranJournalminnetSkerIfran', text72),
  one('TidpunktForNarExportAvDataFranJournalminnetSker', dateTime),
  one('ValdPeriodForExportAvDataFranJournalminne', [
    one('ValdStarttidpunktForExportAvDataFranJournalminnet', dateTime),
    one('ValdSluttidpunktForExportAvDataFranJournalminnet', dateTime),
  ]),
  one('BeteckningPaValdaKassaregisterForExportAvDataFranJournalminnenLISTA', [
    many('BeteckningPaValtKassaregisterForExportAvDataFranJournalminnet', text72),
  ]),
  one('InformationOmForetaget', [
    one('OrganisationsnummerEllerPersonnummer', organisationOrPersonNumber),
    one('ForetagetsNamn', text72),
    opt('NamnPaVerksamheten', text72),
    one('DenAdressDarForsaljningSker', text72),
  ]),
  one('KassaregistersystemLISTA', [many('Kassaregistersystemet', [...tillIdentity, one('Kassabeteckning', text72), unitSerial])]),
  one('RegistreringLISTA', [many('Handelse', registration)]),
];

// ---- checking -------------------------------------------------------------------------------------

const names = (p: Particle): string[] => ('el' in p ? [p.el] : p.choice.flatMap(names));
const pick = (p: Particle, name: string): { el: string; type: ElementType } | null => {
  if ('el' in p) return p.el === name ? p : null;
  for (const option of p.choice) {
    const found = pick(option, name);
    if (found) return found;
  }
  return null;
};

/** Checks one element against its type; problems go to `issues` as "path: what". */
function checkElement(element: XmlElement, type: ElementType, path: string, issues: string[]): void {
  if (Object.keys(element.attributes).length > 0) issues.push(`${path}: has attributes`);
  if (!Array.isArray(type)) {
    if (element.children.length > 0) issues.push(`${path}: holds elements where a value belongs`);
    else if (!type.safeParse(element.text ?? '').success) issues.push(`${path}: the value ${JSON.stringify(element.text)} is not allowed`);
    return;
  }
  if (element.text !== null && element.text.trim() !== '') issues.push(`${path}: holds text where elements belong`);
  checkContent(type, element.children, path, issues);
}

/**
 * Matches children against a content model in order, as the schema's sequences do: each particle
 * takes as many matching children as it may. The schema's content models are deterministic (one
 * particle for each name at each point), so taking greedily is exact.
 */
function checkContent(content: Content, children: readonly XmlElement[], path: string, issues: string[]): void {
  let i = 0;
  for (const particle of content) {
    const [min, max] = 'el' in particle ? [particle.min, particle.max] : [1, 1];
    let taken = 0;
    while (taken < max && i < children.length) {
      const child = children[i] as XmlElement;
      const found = pick(particle, child.name);
      if (!found) break;
      checkElement(child, found.type, `${path}/${child.name}${max > 1 ? `[${taken + 1}]` : ''}`, issues);
      i += 1;
      taken += 1;
    }
    if (taken < min) issues.push(`${path}: expected ${names(particle).join(' or ')}, found ${children[i]?.name ?? 'nothing'}`);
  }
  if (i < children.length) issues.push(`${path}: ${children[i]?.name ?? ''} is not allowed here`);
}

/** What is wrong with a single registration (a `Handelse` element); empty when nothing is. */
export function registrationIssues(element: XmlElement): string[] {
  const issues: string[] = [];
  if (element.name !== 'Handelse') issues.push(`${element.name}: not a Handelse`);
  checkElement(element, registration, 'Handelse', issues);
  return issues;
}

/** What is wrong with a whole document; empty when nothing is. */
export function documentIssues(root: XmlElement): string[] {
  const issues: string[] = [];
  if (root.name !== ROOT_ELEMENT) issues.push(`the root element is ${root.name}, not ${ROOT_ELEMENT}`);
  const expected = { 'xmlns:utrein': INSTANCE_NAMESPACE, 'xmlns:utreko': COMPONENT_NAMESPACE };
  if (JSON.stringify(root.attributes) !== JSON.stringify(expected))
    issues.push('the root element does not declare exactly the two namespaces');
  checkElement({ ...root, attributes: {} }, documentContent, root.name, issues);
  return issues;
}

export class JournalMemoryFormatError extends Error {
  override readonly name = 'JournalMemoryFormatError';
  constructor(readonly issues: string[]) {
    super(`The journal-memory export breaks the SKVFS 2021:16 element rules: ${issues.slice(0, 5).join('; ')}`);
  }
}

/** Throws JournalMemoryFormatError when the registration breaks the rules. */
export function assertRegistration(element: XmlElement): void {
  const issues = registrationIssues(element);
  if (issues.length > 0) throw new JournalMemoryFormatError(issues);
}

/** The text of the first child named `name`, or null. */
export function textOf(element: XmlElement, name: string): string | null {
  return element.children.find((c) => c.name === name)?.text ?? null;
}
/** The first child named `name`, or undefined. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

// ---- values ---------------------------------------------------------------------------------------

export function xmlLeaf(name: string, text: string): XmlElement {
  return { name, attributes: {}, text, children: [] };
}
export function xmlNode(name: string, children: XmlElement[], attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, text: null, children };
}

/** Text cut to the schema's 72 characters; `fallback` for an empty one (the schema allows none). */
export function text72Of(text: string, fallback = '-'): string {
  const trimmed = text.trim();
  return trimmed === '' ? fallback : [...trimmed].slice(0, 72).join('').trim();
}

/** Öre → "70.00" (minor units of a two-decimal currency; SEK is the only currency a Swedish till has). */
export function amountText(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
/** Basis points → "25.00". */
export function vatRateText(basisPoints: number): string {
  return amountText(basisPoints);
}
/**
 * A quantity in thousandths as the schema's count (two decimals at most): "2.00", "-1.00"; null
 * when it has a third decimal (a weighed quantity), which is then written as an amount (Mangd…).
 */
export function quantityCountText(quantityMilli: number): string | null {
  return quantityMilli % 10 === 0 ? amountText(quantityMilli / 10) : null;
}
/** Thousandths → "0.125" (an amount of something weighed). */
export function quantityAmountText(quantityMilli: number): string {
  const sign = quantityMilli < 0 ? '-' : '';
  const abs = Math.abs(quantityMilli);
  return `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
/** Stockholm's offset from UTC in minutes, per UTC hour (its clock changes on the hour, 01:00 UTC). */
const offsets = new Map<number, number>();
function stockholmOffset(hour: number): number {
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const parts = Object.fromEntries(stockholm.formatToParts(new Date(hour * 3_600_000)).map((p) => [p.type, Number(p.value)]));
    const local = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
    offset = Math.round((local - hour * 3_600_000) / 60_000);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * An instant as the schema's date and time: Swedish local time (Europe/Stockholm, whatever the
 * machine's zone), to the second, without a zone. The zone database is asked once an hour of time
 * (a long export writes many thousand times).
 */
export function swedishDateTime(iso: string): string {
  const t = Date.parse(iso);
  const local = new Date(t + stockholmOffset(Math.floor(t / 3_600_000)) * 60_000);
  return local.toISOString().slice(0, 19);
}

// ---- writing --------------------------------------------------------------------------------------

function escapeText(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than written as a broken document.
  // eslint-disable-next-line no-control-regex -- the control characters are exactly what is matched
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One element (in the component namespace, prefix `utreko`) as indented XML lines. */
export function writeElement(element: XmlElement, depth = 0, prefix = 'utreko'): string {
  const pad = '  '.repeat(depth);
  const tag = `${prefix}:${element.name}`;
  const attrs = Object.entries(element.attributes)
    .map(([k, v]) => ` ${k}="${escapeText(v)}"`)
    .join('');
  if (element.text !== null) return `${pad}<${tag}${attrs}>${escapeText(element.text)}</${tag}>\n`;
  if (element.children.length === 0) return `${pad}<${tag}${attrs}/>\n`;
  return `${pad}<${tag}${attrs}>\n${element.children.map((c) => writeElement(c, depth + 1, prefix)).join('')}${pad}</${tag}>\n`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const ROOT_OPEN = `<utrein:${ROOT_ELEMENT} xmlns:utrein="${INSTANCE_NAMESPACE}" xmlns:utreko="${COMPONENT_NAMESPACE}">\n`;
export const ROOT_CLOSE = `</utrein:${ROOT_ELEMENT}>\n`;
