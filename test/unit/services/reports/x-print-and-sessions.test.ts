import { afterEach, describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import { childOf, documentIssues, textOf, zReportOnlyElements, type XmlElement } from '../../../../shared/domain/journal-memory';
import { cartSchema } from '../../../../shared/domain/schemas';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { msg } from '../../../../shared/messages';
import { openJournal } from '../../../../electron/services/journal/journal';
import { OutputError } from '../../../../electron/services/receipts/output';
import { BackOffice } from '../../../../electron/services/reports/back-office';
import { createZStore } from '../../../../electron/services/reports/z-store';
import { staffSessionOf, staffSessionRecord } from '../../../../electron/services/report-records/staff-session-record';
import { X_REPORT_PRINTED_RECORD_TYPE, xPrintOf } from '../../../../electron/services/report-records/x-print-record';
import { JOURNAL_EXPORTED_RECORD_TYPE, journalExportOf } from '../../../../electron/services/report-records/export-record';
import { tillLifeRecord, type TillLifeEvent } from '../../../../electron/services/report-records/till-life-record';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import { skvfsSchemaErrors } from '../../../support/skvfs-schema';
import { parseXmlTree } from '../../../support/xml-tree';
import { recordingLogger, tempDir } from '../journal/helpers';
import { journalPaidSale } from './paid-sale';

/**
 * X report printouts and staff sign-in/out in the journal (x-report-printed, staff-signed-in/-out)
 * and in the SKVFS 2021:16 export (XDagrapport, InloggningIKassaregister, UtloggningUrKassaregister),
 * over a real journal of real (not training) paid sales.
 */
const log = recordingLogger();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const swedish: Partial<Settings> = {
  shop: { ...defaultSettings.shop, name: 'Bageriet', organisationNumber: '5560360793', address: 'Storgatan 1' },
  sweden: { ...defaultSettings.sweden, enabled: true, tillDesignation: 'Kassa 1' },
};
const anna = { id: 'anna', name: 'Anna' };

async function till(settings: Partial<Settings>, options: { appendFails?: (type: string) => boolean } = {}) {
  const { dir, cleanup } = await tempDir();
  const { journal } = await openJournal(dir, { log });
  // The disk refusing a write (EIO, a full disk) for the record types chosen; every other write is real.
  const failing = options.appendFails;
  const served: typeof journal = failing
    ? new Proxy(journal, {
        get: (target, key, receiver) =>
          key === 'append'
            ? (input: Parameters<typeof journal.append>[0]) =>
                failing(input.type) ? Promise.reject(new Error('EIO: i/o error, write')) : target.append(input)
            : (Reflect.get(target, key, receiver) as unknown),
      })
    : journal;
  cleanups.push(async () => {
    await journal.close();
    await cleanup();
  });
  let t = Date.parse('2026-12-01T09:00:00.000Z');
  const at = () => new Date((t += 1000)).toISOString();
  let sales = 0;
  /** A real sale of one article at `priceMinor`, paid. */
  const sell = async (priceMinor: number) => {
    sales += 1;
    const saleId = `s${sales}`;
    const totals = priceCart(
      cartSchema.parse({
        currency: 'SEK',
        discount: null,
        lines: [{ id: 'l1', name: 'Kanelbulle', unitPriceMinor: priceMinor, vatRate: 600, quantityMilli: 1000 }],
      }),
    );
    const add = (type: string, data: unknown) => journal.append({ type, saleId, at: at(), data });
    await journalPaidSale(add, { number: sales, totals });
  };
  const all = { ...defaultSettings, ...settings };
  /** The journal's record types at the moment each printout was made. */
  const atPrintout: string[][] = [];
  const service = new BackOffice({
    journal: served,
    settings: () => all,
    provider: () => ({ provider: { search: () => Promise.resolve([]) } }),
    zStore: createZStore(dir),
    output: {
      print: () => Promise.reject(new OutputError(msg('printFailed'), 'no printer')),
      pdf: async () => {
        atPrintout.push((await journal.readAll()).map((r) => r.type));
        return new Uint8Array([37, 80, 68, 70]);
      },
    },
    now: () => new Date((t += 1000)),
    log,
    actor: () => anna,
    cashRegister: { tillSerial: 'TILL-1', version: '1.0', controlUnitSerial: () => 'SIM-SE-ABCDEF-001' },
  });
  cleanups.push(() => Promise.resolve(service.close()));
  const session = (kind: 'sign-in' | 'sign-out') =>
    journal.append(
      staffSessionRecord(
        kind === 'sign-in' ? { kind, member: anna, how: 'pin' } : { kind, member: anna, how: 'asked' },
        new Date((t += 1000)).toISOString(),
      ),
    );
  return { journal, service, sell, session, atPrintout, at };
}

async function valid(xml: string): Promise<XmlElement[]> {
  expect(await skvfsSchemaErrors(xml)).toEqual([]);
  const doc = parseXmlTree(xml);
  expect(documentIssues(doc)).toEqual([]);
  return childOf(doc, 'RegistreringLISTA')?.children ?? [];
}
const kindOf = (h: XmlElement): XmlElement => h.children.at(-1) as XmlElement;

describe('an X report printout on a Swedish till', () => {
  it('is journaled (who, what, how far) before it is made, also when printing then fails; the sale replay passes it over', async () => {
    const { journal, service, sell, atPrintout } = await till(swedish);
    await sell(3500);
    const x = await service.xReport();
    await service.pdf({ kind: 'x-report', upToSeq: x.period.toSeq });
    expect(atPrintout).toHaveLength(1);
    expect(atPrintout[0]?.at(-1)).toBe(X_REPORT_PRINTED_RECORD_TYPE);
    await expect(service.print({ kind: 'x-report', upToSeq: x.period.toSeq })).rejects.toThrow();
    // An upToSeq beyond the journal is held to its end.
    await service.pdf({ kind: 'x-report', upToSeq: 9999 });
    const records = await journal.readAll();
    const printed = records.map(xPrintOf).filter((p) => p !== null);
    expect(printed).toEqual([
      { upToSeq: 3, output: 'pdf', by: anna },
      { upToSeq: 3, output: 'print', by: anna },
      { upToSeq: 5, output: 'pdf', by: anna },
    ]);
    const replay = replaySales(records);
    expect(replay.problems).toEqual([]);
    expect([...replay.sales.keys()]).toEqual(['s1']);
    // The X report itself is unchanged by its own printout records.
    expect((await service.xReport()).real.currencies[0]?.sales).toEqual(x.real.currencies[0]?.sales);
  });

  it('is made at the time it prints, not at the last sale, though its own record comes after the sale', async () => {
    const { service, sell } = await till(swedish);
    await sell(3500);
    const x = await service.xReport();
    const lastSaleAt = (await service.xReport(x.period.toSeq - 1)).period.toAt;
    await service.pdf({ kind: 'x-report', upToSeq: x.period.toSeq });
    // The print page asks for the same report after the printout record was journaled.
    const printed = await service.xReport(x.period.toSeq);
    expect(printed.period.toSeq).toBe(x.period.toSeq);
    expect(Date.parse(printed.period.toAt)).toBeGreaterThan(Date.parse(x.period.toAt));
    expect(Date.parse(printed.period.toAt)).toBeGreaterThan(Date.parse(lastSaleAt));
  });

  it('is printed as before and not journaled on a till that is not Swedish', async () => {
    const { journal, service, sell } = await till({});
    await sell(3500);
    await service.pdf({ kind: 'x-report', upToSeq: (await service.xReport()).period.toSeq });
    expect((await journal.readAll()).some((r) => r.type === X_REPORT_PRINTED_RECORD_TYPE)).toBe(false);
  });
});

describe('the journal-memory export of X printouts and sign-in/out', () => {
  it('writes each X printout as XDagrapport with its figures as printed, and each sign-in/out under the member’s name', async () => {
    const { service, sell, session } = await till(swedish);
    await session('sign-in');
    await sell(3500);
    await sell(2000);
    const first = await service.xReport();
    await service.pdf({ kind: 'x-report', upToSeq: first.period.toSeq });
    // A sale after the printout is not in it; a second X just before the Z has the day's figures.
    await sell(1500);
    const second = await service.xReport();
    await service.pdf({ kind: 'x-report', upToSeq: second.period.toSeq });
    await service.zReport({ confirmOpenSales: true });
    await session('sign-out');
    // After the Z, an X of the new (empty) period.
    await service.pdf({ kind: 'x-report', upToSeq: (await service.xReport()).period.toSeq });

    const items = await valid((await service.exportJournalMemory({})).text);
    const named = items.map((h) => [kindOf(h).name, textOf(h, 'InloggadAnvandare')]);
    expect(named).toEqual([
      ['InloggningIKassaregister', 'Anna'],
      ['XDagrapport', 'Anna'],
      ['XDagrapport', 'Anna'],
      ['ZDagrapport', 'Anna'],
      ['UtloggningUrKassaregister', 'Anna'],
      ['XDagrapport', 'Anna'],
    ]);
    expect(kindOf(items[0] as XmlElement).text).toBe('JA');
    expect(kindOf(items[4] as XmlElement).text).toBe('JA');
    const reportAt = (i: number) => kindOf(items[i] as XmlElement);
    const [x1, x2, z, x3] = [reportAt(1), reportAt(2), reportAt(3), reportAt(5)];
    expect(textOf(x1, 'TotalForsaljningssumma')).toBe('55.00');
    expect(textOf(x1, 'AntalKassakvitton')).toBe('2');
    expect(textOf(x2, 'TotalForsaljningssumma')).toBe('70.00');
    expect(textOf(x3, 'TotalForsaljningssumma')).toBe('0.00');
    // The grand totals run on through the Z.
    expect(textOf(x3, 'GrandTotalForsaljning')).toBe('70.00');
    // Made when it was printed (its registration time).
    expect(textOf(x1, 'DatumOchKlockslagNarRapportFramstalls')).toBe(textOf(items[1] as XmlElement, 'Registreringstidpunkt'));
    // One content for both: the X just before the Z is the Z less its number and the till's identity.
    const zNames = z.children.map((e) => e.name).filter((n) => !zReportOnlyElements.has(n));
    expect(x2.children.map((e) => e.name)).toEqual(zNames);
    const values = (e: XmlElement) =>
      e.children.filter((c) => !zReportOnlyElements.has(c.name) && c.name !== 'DatumOchKlockslagNarRapportFramstalls').map((c) => c);
    expect(values(x2)).toEqual(values(z));
    expect(textOf(x2, 'LopnummerForZDagrapport')).toBeNull();
  });

  it('reads a journal whose X or sign-in record cannot be read: left out, the rest exported', async () => {
    const { journal, service, sell } = await till(swedish);
    await sell(3500);
    await journal.append({ type: X_REPORT_PRINTED_RECORD_TYPE, saleId: 'x-report', at: '2026-12-01T10:00:00.000Z', data: { upToSeq: -1 } });
    await journal.append({ type: 'staff-signed-in', saleId: 'staff', at: '2026-12-01T10:00:01.000Z', data: { member: 'nobody' } });
    const records = await journal.readAll();
    expect(records.map(staffSessionOf).filter(Boolean)).toEqual([]);
    expect(replaySales(records).problems).toEqual([]);
    await service.zReport({ confirmOpenSales: true });
    const items = await valid((await service.exportJournalMemory({})).text);
    expect(items.map((h) => kindOf(h).name)).toEqual(['ZDagrapport']);
  });
});

describe('exports of the journal and Z copies, as other reports (OvrigRapport)', () => {
  it('journals each export on a Swedish till once its file is made, and writes it and each Z copy as OvrigRapport', async () => {
    const { journal, service, sell } = await till(swedish);
    await sell(3500);
    const z = await service.zReport({ confirmOpenSales: true });
    await service.pdf({ kind: 'z-report', number: z.number! }); // the original: the ZDagrapport itself
    await service.pdf({ kind: 'z-report', number: z.number! }); // a copy
    const csv = await service.exportJournal({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T23:59:59.000Z' }, 'csv');
    // The CSV was made before its own record: the record is not in it, and the file was handed over after it.
    expect(csv.text).not.toContain(JOURNAL_EXPORTED_RECORD_TYPE);
    const first = await service.exportJournalMemory({});
    expect(first.text).not.toContain('OvrigRapport>Export av data');

    const exports = (await journal.readAll()).map(journalExportOf).filter((e) => e !== null);
    expect(exports).toEqual([
      { format: 'csv', from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T23:59:59.000Z', by: anna },
      { format: 'skvfs-2021-16', by: anna },
    ]);
    expect(replaySales(await journal.readAll()).problems).toEqual([]);

    const items = await valid((await service.exportJournalMemory({})).text);
    const others = items.filter((h) => kindOf(h).name === 'OvrigRapport');
    const said = (h: XmlElement) => [
      textOf(kindOf(h), 'NamnPaOvrigRapport'),
      textOf(kindOf(h), 'Sokparameter'),
      textOf(h, 'InloggadAnvandare'),
    ];
    expect(others.map(said)).toEqual([
      ['Kopia av Z-dagrapport', 'Z-dagrapport nr 1', 'Anna'],
      ['Export av journal (CSV)', 'Period 2026-12-01T01:00:00 – 2026-12-02T00:59:59', 'Anna'],
      [
        'Export av data från journalminne (SKVFS 2021:16)',
        `Period journalens början – ${textOf(others[2]!, 'Registreringstidpunkt')}`,
        'Anna',
      ],
    ]);
    // One ZDagrapport: the original printout is the report itself, not another registration.
    expect(items.filter((h) => kindOf(h).name === 'ZDagrapport')).toHaveLength(1);
  });

  it('does not hand an export over when its record cannot be journaled, and says why', async () => {
    const { journal, service, sell } = await till(swedish, { appendFails: (type) => type === JOURNAL_EXPORTED_RECORD_TYPE });
    await sell(3500);
    await service.zReport({ confirmOpenSales: true });
    await expect(service.exportJournal({}, 'json')).rejects.toMatchObject({ kind: 'storage', l10n: { key: 'journalExportNotJournaled' } });
    await expect(service.exportJournalMemory({})).rejects.toMatchObject({ l10n: { key: 'journalExportNotJournaled' } });
    expect((await journal.readAll()).some((r) => r.type === JOURNAL_EXPORTED_RECORD_TYPE)).toBe(false);
  });

  it('records no export on a till that is not Swedish', async () => {
    const { journal, service, sell } = await till({});
    await sell(3500);
    expect((await service.exportJournal({}, 'csv')).records).toBeGreaterThan(0);
    expect((await journal.readAll()).some((r) => r.type === JOURNAL_EXPORTED_RECORD_TYPE)).toBe(false);
  });
});

describe('the journal-memory export of the till’s own records', () => {
  it('writes start, restart, stop, the clock set back and training mode on and off, each valid against the schema', async () => {
    const { journal, service, sell, session, at } = await till(swedish);
    const life = (event: TillLifeEvent, when = at()) => journal.append(tillLifeRecord(event, when));
    await life({ kind: 'started', restart: false, version: '1.0' });
    await life({ kind: 'mode-changed', training: true });
    await session('sign-in');
    await sell(3500);
    await life({ kind: 'mode-changed', training: false, by: anna });
    await life({ kind: 'started', restart: true, version: '1.0' });
    const restartedAt = (await journal.readAll()).at(-1)!.at;
    await journal.append(staffSessionRecord({ kind: 'sign-out', member: anna, how: 'restart' }, restartedAt));
    await life({ kind: 'clock-changed', lastRecordAt: restartedAt }, '2026-12-01T12:30:00.000Z');
    await life({ kind: 'stopped' }, '2026-12-01T12:30:01.000Z');
    // A record that cannot be read is left out, and the sale replay passes over them all.
    await journal.append({ type: 'till-started', saleId: 'till', at: '2026-12-01T12:30:02.000Z', data: { restart: 'yes' } });
    expect(replaySales(await journal.readAll()).problems).toEqual([]);

    const items = await valid((await service.exportJournalMemory({})).text);
    const own = items.filter((h) => !['Kassakvitto', 'Ovningskvitto'].includes(kindOf(h).name));
    expect(own.map((h) => [kindOf(h).name, textOf(h, 'InloggadAnvandare')])).toEqual([
      ['StartAvKassaregister', null],
      ['StallaOmTillOvningslage', null],
      ['InloggningIKassaregister', 'Anna'],
      ['StallaOmTillNormallage', 'Anna'],
      ['OmstartAvKassaregister', null],
      ['UtloggningUrKassaregister', 'Anna'],
      ['StallaOmKlockan', null],
      ['StoppAvKassaregister', null],
    ]);
    for (const h of own.filter((x) => kindOf(x).name !== 'StallaOmKlockan')) expect(kindOf(h).text).toBe('JA');
    // The new time is the record's own, in Swedish time.
    const clock = own[6] as XmlElement;
    expect(textOf(kindOf(clock), 'NyTidVidOmstallningAvKlockan')).toBe('2026-12-01T13:30:00');
    expect(textOf(clock, 'Registreringstidpunkt')).toBe('2026-12-01T13:30:00');
  });
});
