import type { UiLanguage } from './domain/settings';
import type { PaymentMeans, Tender } from './domain/tender';

/**
 * The words printed on a receipt, in each language the clerk can choose. The renderer's receipt
 * view (renderer/src/i18n/locales/*.ts spread these into `receipt`) and the ESC/POS encoder in main
 * (electron/services/printing/escpos.ts) both read them, so a slip says the same on screen, on a
 * thermal printer and in the PDF. Placeholders are i18next's `{{name}}`.
 */
const en = {
  copy: 'COPY',
  training: 'TRAINING — NOT A RECEIPT',
  number: 'Receipt {{number}}',
  trainingNumber: 'Training receipt {{number}}',
  saleNumber: 'Sale {{number}}',
  clerk: 'Clerk: {{name}}',
  till: 'Till: {{name}}',
  organisationNumber: 'Org. no. {{value}}',
  vatNumber: 'VAT no. {{value}}',
  phone: 'Tel. {{value}}',
  quantityAtPrice: '{{quantity}} × {{price}}',
  discount: 'Discount',
  subtotal: 'Subtotal',
  total: 'Total',
  vatRate: 'VAT %',
  net: 'Net',
  vat: 'VAT',
  gross: 'Gross',
  paidWith: 'Paid by payment link: {{provider}}',
  method: 'Payment method: {{method}}',
  providerFee: 'Fee charged by {{provider}}: {{amount}}',
  settlement: {
    captured: 'Captured',
    authorised: 'Authorised — debit in Ecster’s portal',
    charged: 'Paid at purchase',
  },
  linkReference: 'Link: {{reference}}',
  orderReference: 'Order: {{reference}}',
  tillDesignation: 'Till designation: {{value}}',
  controlUnit: 'Control unit: {{serial}}',
  controlCode: 'Control code: {{code}}',
  controlUnitWaiting: 'Waiting for the control unit',
  electronic: 'Electronic cash receipt',
  notAReceipt: 'NOT A RECEIPT',
  cash: 'Cash',
  change: 'Change',
  cardTerminal: 'Card terminal',
  terminalReference: 'Reference: {{reference}}',
};

/** English's keys, each a string: what every language must provide. */
export type ReceiptSlipWords = {
  readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : { readonly [S in keyof (typeof en)[K]]: string };
};

const sv: ReceiptSlipWords = {
  copy: 'KOPIA',
  training: 'ÖVNING — INTE ETT KVITTO',
  number: 'Kvitto {{number}}',
  trainingNumber: 'Övningskvitto {{number}}',
  saleNumber: 'Köp {{number}}',
  clerk: 'Kassör: {{name}}',
  till: 'Kassa: {{name}}',
  organisationNumber: 'Org.nr {{value}}',
  vatNumber: 'Momsreg.nr {{value}}',
  phone: 'Tfn {{value}}',
  quantityAtPrice: '{{quantity}} × {{price}}',
  discount: 'Rabatt',
  subtotal: 'Delsumma',
  total: 'Totalt',
  vatRate: 'Moms %',
  net: 'Netto',
  vat: 'Moms',
  gross: 'Brutto',
  paidWith: 'Betalt via betallänk: {{provider}}',
  method: 'Betalsätt: {{method}}',
  providerFee: 'Avgift som {{provider}} tar ut: {{amount}}',
  settlement: {
    captured: 'Debiterad',
    authorised: 'Godkänd — debitera i Ecsters portal',
    charged: 'Betald vid köpet',
  },
  linkReference: 'Länk: {{reference}}',
  orderReference: 'Order: {{reference}}',
  tillDesignation: 'Kassabeteckning: {{value}}',
  controlUnit: 'Kontrollenhet: {{serial}}',
  controlCode: 'Kontrollkod: {{code}}',
  controlUnitWaiting: 'Väntar på kontrollenheten',
  electronic: 'Elektroniskt kassakvitto',
  notAReceipt: 'EJ KVITTO',
  cash: 'Kontant',
  change: 'Växel',
  cardTerminal: 'Kortterminal',
  terminalReference: 'Referens: {{reference}}',
};

const nb: ReceiptSlipWords = {
  copy: 'KOPI',
  training: 'ØVING — IKKE EN KVITTERING',
  number: 'Kvittering {{number}}',
  trainingNumber: 'Øvingskvittering {{number}}',
  saleNumber: 'Salg {{number}}',
  clerk: 'Ekspeditør: {{name}}',
  till: 'Kasse: {{name}}',
  organisationNumber: 'Org.nr. {{value}}',
  vatNumber: 'MVA-nr. {{value}}',
  phone: 'Tlf. {{value}}',
  quantityAtPrice: '{{quantity}} × {{price}}',
  discount: 'Rabatt',
  subtotal: 'Delsum',
  total: 'Totalt',
  vatRate: 'MVA %',
  net: 'Netto',
  vat: 'MVA',
  gross: 'Brutto',
  paidWith: 'Betalt med betalingslenke: {{provider}}',
  method: 'Betalingsmåte: {{method}}',
  providerFee: 'Gebyr som {{provider}} tar: {{amount}}',
  settlement: {
    captured: 'Belastet',
    authorised: 'Godkjent — belast i Ecsters portal',
    charged: 'Betalt ved kjøpet',
  },
  linkReference: 'Lenke: {{reference}}',
  orderReference: 'Ordre: {{reference}}',
  tillDesignation: 'Kassebetegnelse: {{value}}',
  controlUnit: 'Kontrollenhet: {{serial}}',
  controlCode: 'Kontrollkode: {{code}}',
  controlUnitWaiting: 'Venter på kontrollenheten',
  electronic: 'Elektronisk kassakvittering',
  notAReceipt: 'IKKE EN KVITTERING',
  cash: 'Kontant',
  change: 'Veksel',
  cardTerminal: 'Kortterminal',
  terminalReference: 'Referanse: {{reference}}',
};

const da: ReceiptSlipWords = {
  copy: 'KOPI',
  training: 'ØVELSE — IKKE EN BON',
  number: 'Bon {{number}}',
  trainingNumber: 'Øvelsesbon {{number}}',
  saleNumber: 'Salg {{number}}',
  clerk: 'Ekspedient: {{name}}',
  till: 'Kasse: {{name}}',
  organisationNumber: 'CVR-nr. {{value}}',
  vatNumber: 'Momsnr. {{value}}',
  phone: 'Tlf. {{value}}',
  quantityAtPrice: '{{quantity}} × {{price}}',
  discount: 'Rabat',
  subtotal: 'Subtotal',
  total: 'I alt',
  vatRate: 'Moms %',
  net: 'Netto',
  vat: 'Moms',
  gross: 'Brutto',
  paidWith: 'Betalt med betalingslink: {{provider}}',
  method: 'Betalingsmåde: {{method}}',
  providerFee: 'Gebyr opkrævet af {{provider}}: {{amount}}',
  settlement: {
    captured: 'Hævet',
    authorised: 'Godkendt — hæv i Ecsters portal',
    charged: 'Betalt ved købet',
  },
  linkReference: 'Link: {{reference}}',
  orderReference: 'Ordre: {{reference}}',
  tillDesignation: 'Kassebetegnelse: {{value}}',
  controlUnit: 'Kontrolenhed: {{serial}}',
  controlCode: 'Kontrolkode: {{code}}',
  controlUnitWaiting: 'Venter på kontrolenheden',
  electronic: 'Elektronisk kassebon',
  notAReceipt: 'IKKE EN BON',
  cash: 'Kontant',
  change: 'Byttepenge',
  cardTerminal: 'Kortterminal',
  terminalReference: 'Referencenr.: {{reference}}',
};

const fi: ReceiptSlipWords = {
  copy: 'KOPIO',
  training: 'HARJOITUS — EI KUITTI',
  number: 'Kuitti {{number}}',
  trainingNumber: 'Harjoituskuitti {{number}}',
  saleNumber: 'Myynti {{number}}',
  clerk: 'Myyjä: {{name}}',
  till: 'Kassa: {{name}}',
  organisationNumber: 'Y-tunnus {{value}}',
  vatNumber: 'ALV-nro {{value}}',
  phone: 'Puh. {{value}}',
  quantityAtPrice: '{{quantity}} × {{price}}',
  discount: 'Alennus',
  subtotal: 'Välisumma',
  total: 'Yhteensä',
  vatRate: 'ALV %',
  net: 'Veroton',
  vat: 'ALV',
  gross: 'Verollinen',
  paidWith: 'Maksettu maksulinkillä: {{provider}}',
  method: 'Maksutapa: {{method}}',
  providerFee: 'Palvelun {{provider}} veloittama maksu: {{amount}}',
  settlement: {
    captured: 'Veloitettu',
    authorised: 'Hyväksytty — veloita Ecsterin portaalissa',
    charged: 'Maksettu ostohetkellä',
  },
  linkReference: 'Linkki: {{reference}}',
  orderReference: 'Tilaus: {{reference}}',
  tillDesignation: 'Kassan tunnus: {{value}}',
  controlUnit: 'Valvontayksikkö: {{serial}}',
  controlCode: 'Tarkastuskoodi: {{code}}',
  controlUnitWaiting: 'Odottaa valvontayksikköä',
  electronic: 'Sähköinen kassakuitti',
  notAReceipt: 'EI KUITTI',
  cash: 'Käteinen',
  change: 'Vaihtoraha',
  cardTerminal: 'Korttipääte',
  terminalReference: 'Viite: {{reference}}',
};

const is: ReceiptSlipWords = {
  copy: 'AFRIT',
  training: 'ÆFING — EKKI KVITTUN',
  number: 'Kvittun {{number}}',
  trainingNumber: 'Æfingakvittun {{number}}',
  saleNumber: 'Sala {{number}}',
  clerk: 'Afgreiðsla: {{name}}',
  till: 'Kassi: {{name}}',
  organisationNumber: 'Kt. {{value}}',
  vatNumber: 'VSK-nr. {{value}}',
  phone: 'Sími {{value}}',
  quantityAtPrice: '{{quantity}} × {{price}}',
  discount: 'Afsláttur',
  subtotal: 'Millisamtala',
  total: 'Samtals',
  vatRate: 'VSK %',
  net: 'Án VSK',
  vat: 'VSK',
  gross: 'Með VSK',
  paidWith: 'Greitt með greiðsluhlekk: {{provider}}',
  method: 'Greiðslumáti: {{method}}',
  providerFee: 'Gjald sem {{provider}} innheimtir: {{amount}}',
  settlement: {
    captured: 'Skuldfært',
    authorised: 'Heimilað — skuldfærðu í vefgátt Ecster',
    charged: 'Greitt við kaup',
  },
  linkReference: 'Hlekkur: {{reference}}',
  orderReference: 'Pöntun: {{reference}}',
  tillDesignation: 'Auðkenni kassa: {{value}}',
  controlUnit: 'Stjórneining: {{serial}}',
  controlCode: 'Stjórnkóði: {{code}}',
  controlUnitWaiting: 'Bíður eftir stjórneiningu',
  electronic: 'Rafræn kassakvittun',
  notAReceipt: 'EKKI KVITTUN',
  cash: 'Reiðufé',
  change: 'Til baka',
  cardTerminal: 'Posi',
  terminalReference: 'Tilvísun: {{reference}}',
};

/**
 * A Swedish till marks copies, training receipts and anything that is not a receipt with these
 * words whatever the slip's language (SKVFS 2014:9 7 kap. 1 §: "kopia", "övning", "ej kvitto").
 */
export const swedishMarks = { copy: 'KOPIA', training: 'ÖVNING', notAReceipt: 'EJ KVITTO' } as const;

export const receiptSlipWords: Readonly<Record<UiLanguage, ReceiptSlipWords>> = { en, sv, nb, da, fi, is };

/** The words of the settings' test page (printed only, never shown on screen). */
export interface TestPageWords {
  title: string;
  printer: string;
  paper: string;
  letters: string;
}

export const testPageWords: Readonly<Record<UiLanguage, TestPageWords>> = {
  en: {
    title: 'LinkPOS test page',
    printer: 'Printer: {{address}}',
    paper: 'Paper: {{width}} mm, {{columns}} characters per line',
    letters: 'Every letter above should print as itself.',
  },
  sv: {
    title: 'LinkPOS testsida',
    printer: 'Skrivare: {{address}}',
    paper: 'Papper: {{width}} mm, {{columns}} tecken per rad',
    letters: 'Varje bokstav ovan ska skrivas ut som sig själv.',
  },
  nb: {
    title: 'LinkPOS testside',
    printer: 'Skriver: {{address}}',
    paper: 'Papir: {{width}} mm, {{columns}} tegn per linje',
    letters: 'Hver bokstav over skal skrives ut som seg selv.',
  },
  da: {
    title: 'LinkPOS testside',
    printer: 'Printer: {{address}}',
    paper: 'Papir: {{width}} mm, {{columns}} tegn pr. linje',
    letters: 'Hvert bogstav ovenfor skal udskrives som sig selv.',
  },
  fi: {
    title: 'LinkPOS-testisivu',
    printer: 'Tulostin: {{address}}',
    paper: 'Paperi: {{width}} mm, {{columns}} merkkiä rivillä',
    letters: 'Jokaisen yllä olevan kirjaimen pitää tulostua oikein.',
  },
  is: {
    title: 'LinkPOS prófunarsíða',
    printer: 'Prentari: {{address}}',
    paper: 'Pappír: {{width}} mm, {{columns}} stafir í línu',
    letters: 'Hver stafur hér að ofan á að prentast eins og hann er.',
  },
};

/** Fills i18next-style `{{name}}` placeholders (the words above are written with them). */
export function fillWords(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The words of an e-mailed receipt (its subject and the lines around the plain-text copy). */
export interface ReceiptMailWords {
  subject: string;
  trainingSubject: string;
  attached: string;
}

export const receiptMailWords: Readonly<Record<UiLanguage, ReceiptMailWords>> = {
  en: {
    subject: 'Your receipt {{number}} from {{shop}}',
    trainingSubject: 'Training receipt {{number}} from {{shop}} (not a receipt)',
    attached: 'Your receipt is attached as a PDF. A plain-text copy follows.',
  },
  sv: {
    subject: 'Ditt kvitto {{number}} från {{shop}}',
    trainingSubject: 'Övningskvitto {{number}} från {{shop}} (inget kvitto)',
    attached: 'Ditt kvitto finns bifogat som PDF. En kopia i textform följer.',
  },
  nb: {
    subject: 'Din kvittering {{number}} fra {{shop}}',
    trainingSubject: 'Øvingskvittering {{number}} fra {{shop}} (ikke en kvittering)',
    attached: 'Kvitteringen din er vedlagt som PDF. En kopi i ren tekst følger.',
  },
  da: {
    subject: 'Din kvittering {{number}} fra {{shop}}',
    trainingSubject: 'Øvelseskvittering {{number}} fra {{shop}} (ikke en kvittering)',
    attached: 'Din kvittering er vedhæftet som PDF. En kopi i ren tekst følger.',
  },
  fi: {
    subject: 'Kuittisi {{number}} – {{shop}}',
    trainingSubject: 'Harjoituskuitti {{number}} – {{shop}} (ei kuitti)',
    attached: 'Kuittisi on liitteenä PDF-tiedostona. Alla on kopio tekstinä.',
  },
  is: {
    subject: 'Kvittunin þín {{number}} frá {{shop}}',
    trainingSubject: 'Æfingakvittun {{number}} frá {{shop}} (ekki kvittun)',
    attached: 'Kvittunin þín fylgir sem PDF-skjal. Afrit í texta fylgir hér á eftir.',
  },
};

/**
 * The words of a refund receipt (credit note) beyond a receipt's: the renderer's locale files
 * spread them into `refund`, and the ESC/POS encoder prints the same.
 */
const refundEn = {
  receipt: 'Refund receipt',
  number: 'Refund receipt {{number}}',
  trainingNumber: 'Training refund receipt {{number}}',
  original: 'Refund of receipt {{number}}',
  reasonLine: 'Reason: {{reason}}',
  refundedWith: 'Refunded with {{provider}}',
  method: {
    credit: 'Credited to the customer’s payment',
    annul: 'Order cancelled (annulled) at the provider',
    swish: 'Refunded by Swish',
    portal: 'Recorded — complete it in the provider’s portal',
  },
};

export type RefundSlipWords = {
  readonly [K in keyof typeof refundEn]: (typeof refundEn)[K] extends string
    ? string
    : { readonly [S in keyof (typeof refundEn)[K]]: string };
};

export const refundSlipWords: Readonly<Record<UiLanguage, RefundSlipWords>> = {
  en: refundEn,
  sv: {
    receipt: 'Återbetalningskvitto',
    number: 'Återbetalningskvitto {{number}}',
    trainingNumber: 'Övningsåterbetalningskvitto {{number}}',
    original: 'Återbetalning av kvitto {{number}}',
    reasonLine: 'Anledning: {{reason}}',
    refundedWith: 'Återbetalt via {{provider}}',
    method: {
      credit: 'Krediterad till kundens betalning',
      annul: 'Ordern makulerad hos leverantören',
      swish: 'Återbetald med Swish',
      portal: 'Registrerad — slutför den i leverantörens portal',
    },
  },
  nb: {
    receipt: 'Refusjonskvittering',
    number: 'Refusjonskvittering {{number}}',
    trainingNumber: 'Øvingsrefusjonskvittering {{number}}',
    original: 'Refusjon av kvittering {{number}}',
    reasonLine: 'Årsak: {{reason}}',
    refundedWith: 'Refundert via {{provider}}',
    method: {
      credit: 'Kreditert kundens betaling',
      annul: 'Ordren annullert hos leverandøren',
      swish: 'Refundert med Swish',
      portal: 'Registrert — fullfør den i leverandørens portal',
    },
  },
  da: {
    receipt: 'Refunderingskvittering',
    number: 'Refunderingskvittering {{number}}',
    trainingNumber: 'Øvelsesrefunderingskvittering {{number}}',
    original: 'Refundering af kvittering {{number}}',
    reasonLine: 'Årsag: {{reason}}',
    refundedWith: 'Refunderet via {{provider}}',
    method: {
      credit: 'Krediteret kundens betaling',
      annul: 'Ordren annulleret hos udbyderen',
      swish: 'Refunderet med Swish',
      portal: 'Registreret — gennemfør den i udbyderens portal',
    },
  },
  fi: {
    receipt: 'Hyvityskuitti',
    number: 'Hyvityskuitti {{number}}',
    trainingNumber: 'Harjoitushyvityskuitti {{number}}',
    original: 'Hyvitys kuitista {{number}}',
    reasonLine: 'Syy: {{reason}}',
    refundedWith: 'Hyvitetty: {{provider}}',
    method: {
      credit: 'Hyvitetty asiakkaan maksuun',
      annul: 'Tilaus mitätöity palveluntarjoajalla',
      swish: 'Hyvitetty Swishillä',
      portal: 'Kirjattu — tee se loppuun palveluntarjoajan portaalissa',
    },
  },
  is: {
    receipt: 'Endurgreiðslukvittun',
    number: 'Endurgreiðslukvittun {{number}}',
    trainingNumber: 'Æfingarendurgreiðslukvittun {{number}}',
    original: 'Endurgreiðsla á kvittun {{number}}',
    reasonLine: 'Ástæða: {{reason}}',
    refundedWith: 'Endurgreitt með {{provider}}',
    method: {
      credit: 'Bakfært á greiðslu viðskiptavinarins',
      annul: 'Pöntun ógilt hjá þjónustuveitunni',
      swish: 'Endurgreitt með Swish',
      portal: 'Skráð — ljúktu henni í gátt þjónustuveitunnar',
    },
  },
};

/**
 * The words of an X or Z report as the report view draws it and the receipt printer prints it: the
 * renderer's locale files spread them into `report`.
 */
const reportEn = {
  till: 'Till: {{name}}',
  closedBy: 'Closed by: {{name}}',
  xReport: 'X report',
  zReport: 'Z report {{number}}',
  interim: 'Interim — the day is not closed',
  periodFrom: 'From {{time}}',
  periodStart: 'From the first sale',
  periodTo: 'To {{time}}',
  realSales: 'Sales',
  trainingSales: 'Training (demo) — not in the totals',
  noEntries: 'Nothing in this period.',
  salesCount: 'Number of sales',
  gross: 'Gross total',
  net: 'Net total',
  vatTotal: 'VAT total',
  vatPerRate: 'VAT per rate',
  perProvider: 'Per provider',
  cancelled: 'Cancelled',
  expired: 'Expired',
  failed: 'Failed',
  needsAttention: 'Needs attention',
  refunds: 'Refunds',
  refundVat: 'Refunds: VAT per rate',
  netSales: 'Sales less refunds',
  netVat: 'After refunds: VAT per rate',
  countAndSum: '{{count}} · {{amount}}',
  receipts: 'Receipts {{first}}–{{last}}',
  noReceipts: 'No receipts',
  perMeans: 'Sales per payment means',
  meansSwish: 'Swish',
  meansCard: 'Card',
  meansInvoice: 'Invoice',
  meansLink: 'Payment link',
  meansCash: 'Cash',
  meansTerminal: 'Card terminal',
};

export type ReportSlipWords = { readonly [K in keyof typeof reportEn]: string };

export const reportSlipWords: Readonly<Record<UiLanguage, ReportSlipWords>> = {
  en: reportEn,
  sv: {
    till: 'Kassa: {{name}}',
    closedBy: 'Dagen stängd av: {{name}}',
    xReport: 'X-rapport',
    zReport: 'Z-rapport {{number}}',
    interim: 'Preliminär — dagen är inte stängd',
    periodFrom: 'Från {{time}}',
    periodStart: 'Från första köpet',
    periodTo: 'Till {{time}}',
    realSales: 'Försäljning',
    trainingSales: 'Övning (demo) — ingår inte i summorna',
    noEntries: 'Inget under perioden.',
    salesCount: 'Antal köp',
    gross: 'Summa brutto',
    net: 'Summa netto',
    vatTotal: 'Summa moms',
    vatPerRate: 'Moms per sats',
    perProvider: 'Per betaltjänst',
    cancelled: 'Avbrutna',
    expired: 'Utgångna',
    failed: 'Misslyckade',
    needsAttention: 'Kräver åtgärd',
    refunds: 'Återbetalningar',
    refundVat: 'Återbetalningar: moms per sats',
    netSales: 'Försäljning minus återbetalningar',
    netVat: 'Efter återbetalningar: moms per sats',
    countAndSum: '{{count}} · {{amount}}',
    receipts: 'Kvitton {{first}}–{{last}}',
    noReceipts: 'Inga kvitton',
    perMeans: 'Försäljning per betalningsmedel',
    meansSwish: 'Swish',
    meansCard: 'Kort',
    meansInvoice: 'Faktura',
    meansLink: 'Betallänk',
    meansCash: 'Kontant',
    meansTerminal: 'Kortterminal',
  },
  nb: {
    till: 'Kasse: {{name}}',
    closedBy: 'Dagen avsluttet av: {{name}}',
    xReport: 'X-rapport',
    zReport: 'Z-rapport {{number}}',
    interim: 'Foreløpig — dagen er ikke avsluttet',
    periodFrom: 'Fra {{time}}',
    periodStart: 'Fra første salg',
    periodTo: 'Til {{time}}',
    realSales: 'Salg',
    trainingSales: 'Øving (demo) — ikke med i summene',
    noEntries: 'Ingenting i perioden.',
    salesCount: 'Antall salg',
    gross: 'Sum brutto',
    net: 'Sum netto',
    vatTotal: 'Sum MVA',
    vatPerRate: 'MVA per sats',
    perProvider: 'Per leverandør',
    cancelled: 'Avbrutt',
    expired: 'Utløpt',
    failed: 'Mislyktes',
    needsAttention: 'Krever oppfølging',
    refunds: 'Refusjoner',
    refundVat: 'Refusjoner: mva. per sats',
    netSales: 'Salg minus refusjoner',
    netVat: 'Etter refusjoner: mva. per sats',
    countAndSum: '{{count}} · {{amount}}',
    receipts: 'Kvitteringer {{first}}–{{last}}',
    noReceipts: 'Ingen kvitteringer',
    perMeans: 'Salg per betalingsmiddel',
    meansSwish: 'Swish',
    meansCard: 'Kort',
    meansInvoice: 'Faktura',
    meansLink: 'Betalingslenke',
    meansCash: 'Kontant',
    meansTerminal: 'Kortterminal',
  },
  da: {
    till: 'Kasse: {{name}}',
    closedBy: 'Dagen lukket af: {{name}}',
    xReport: 'X-rapport',
    zReport: 'Z-rapport {{number}}',
    interim: 'Foreløbig — dagen er ikke afsluttet',
    periodFrom: 'Fra {{time}}',
    periodStart: 'Fra første salg',
    periodTo: 'Til {{time}}',
    realSales: 'Salg',
    trainingSales: 'Øvelse (demo) — ikke med i totalerne',
    noEntries: 'Intet i perioden.',
    salesCount: 'Antal salg',
    gross: 'Brutto i alt',
    net: 'Netto i alt',
    vatTotal: 'Moms i alt',
    vatPerRate: 'Moms pr. sats',
    perProvider: 'Pr. udbyder',
    cancelled: 'Annulleret',
    expired: 'Udløbet',
    failed: 'Mislykkedes',
    needsAttention: 'Kræver handling',
    refunds: 'Refunderinger',
    refundVat: 'Refunderinger: moms pr. sats',
    netSales: 'Salg minus refunderinger',
    netVat: 'Efter refunderinger: moms pr. sats',
    countAndSum: '{{count}} · {{amount}}',
    receipts: 'Bonner {{first}}–{{last}}',
    noReceipts: 'Ingen bonner',
    perMeans: 'Salg pr. betalingsmiddel',
    meansSwish: 'Swish',
    meansCard: 'Kort',
    meansInvoice: 'Faktura',
    meansLink: 'Betalingslink',
    meansCash: 'Kontant',
    meansTerminal: 'Kortterminal',
  },
  fi: {
    till: 'Kassa: {{name}}',
    closedBy: 'Päivän sulki: {{name}}',
    xReport: 'X-raportti',
    zReport: 'Z-raportti {{number}}',
    interim: 'Välitieto — päivää ei ole päätetty',
    periodFrom: 'Alkaen {{time}}',
    periodStart: 'Ensimmäisestä myynnistä',
    periodTo: 'Päättyen {{time}}',
    realSales: 'Myynnit',
    trainingSales: 'Harjoitus (demo) — ei mukana summissa',
    noEntries: 'Jaksolla ei ole mitään.',
    salesCount: 'Myyntien määrä',
    gross: 'Verollinen yhteensä',
    net: 'Veroton yhteensä',
    vatTotal: 'ALV yhteensä',
    vatPerRate: 'ALV verokannoittain',
    perProvider: 'Maksupalveluittain',
    cancelled: 'Peruutetut',
    expired: 'Vanhentuneet',
    failed: 'Epäonnistuneet',
    needsAttention: 'Vaatii toimenpiteitä',
    refunds: 'Hyvitykset',
    refundVat: 'Hyvitykset: ALV verokannoittain',
    netSales: 'Myynti hyvitysten jälkeen',
    netVat: 'Hyvitysten jälkeen: ALV verokannoittain',
    countAndSum: '{{count}} · {{amount}}',
    receipts: 'Kuitit {{first}}–{{last}}',
    noReceipts: 'Ei kuitteja',
    perMeans: 'Myynti maksutavoittain',
    meansSwish: 'Swish',
    meansCard: 'Kortti',
    meansInvoice: 'Lasku',
    meansLink: 'Maksulinkki',
    meansCash: 'Käteinen',
    meansTerminal: 'Korttipääte',
  },
  is: {
    till: 'Kassi: {{name}}',
    closedBy: 'Degi lokað af: {{name}}',
    xReport: 'X-skýrsla',
    zReport: 'Z-skýrsla {{number}}',
    interim: 'Bráðabirgða — deginum er ekki lokað',
    periodFrom: 'Frá {{time}}',
    periodStart: 'Frá fyrstu sölu',
    periodTo: 'Til {{time}}',
    realSales: 'Sölur',
    trainingSales: 'Æfing (prufa) — ekki í samtölum',
    noEntries: 'Ekkert á tímabilinu.',
    salesCount: 'Fjöldi sala',
    gross: 'Samtals með VSK',
    net: 'Samtals án VSK',
    vatTotal: 'VSK samtals',
    vatPerRate: 'VSK eftir þrepum',
    perProvider: 'Eftir greiðsluþjónustu',
    cancelled: 'Hætt við',
    expired: 'Útrunnið',
    failed: 'Mistókst',
    needsAttention: 'Þarfnast athugunar',
    refunds: 'Endurgreiðslur',
    refundVat: 'Endurgreiðslur: VSK eftir þrepum',
    netSales: 'Sala að frádregnum endurgreiðslum',
    netVat: 'Eftir endurgreiðslur: VSK eftir þrepum',
    countAndSum: '{{count}} · {{amount}}',
    receipts: 'Kvittanir {{first}}–{{last}}',
    noReceipts: 'Engar kvittanir',
    perMeans: 'Sala eftir greiðslumáta',
    meansSwish: 'Swish',
    meansCard: 'Kort',
    meansInvoice: 'Reikningur',
    meansLink: 'Greiðsluhlekkur',
    meansCash: 'Reiðufé',
    meansTerminal: 'Posi',
  },
};

/** The report words naming each payment means. */
export const meansWord = {
  swish: 'meansSwish',
  card: 'meansCard',
  invoice: 'meansInvoice',
  link: 'meansLink',
  cash: 'meansCash',
  terminal: 'meansTerminal',
} as const satisfies Record<PaymentMeans, keyof ReportSlipWords>;

/**
 * A tender's rows on a receipt, the same on screen, in the PDF, on ESC/POS and in the e-mail: cash
 * given and change (amounts), or the card terminal and its reference (text only).
 */
export function tenderRows(
  tender: Tender,
  words: Pick<ReceiptSlipWords, 'cash' | 'change' | 'cardTerminal' | 'terminalReference'>,
): { label: string; amountMinor: number | null }[] {
  if (tender.kind === 'cash') {
    return [
      { label: words.cash, amountMinor: tender.givenMinor },
      { label: words.change, amountMinor: tender.changeMinor },
    ];
  }
  return [
    { label: words.cardTerminal, amountMinor: null },
    { label: fillWords(words.terminalReference, { reference: tender.reference }), amountMinor: null },
  ];
}
