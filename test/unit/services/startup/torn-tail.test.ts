import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';
import { paymentsInTornTail } from '../../../../electron/services/sales/torn-tail';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import { tornPaymentAlarms } from '../../../../electron/services/startup/start';
import { tempDir } from '../journal/helpers';
import { cartOf } from '../sales/world';
import { sandboxService, waitFor } from '../sales/sandbox-service';

/**
 * A journal whose last record is cut short after a crash: when that record was a payment the clerk
 * may have seen as Paid, the clerk hears of it at start-up (and the sale is checked again).
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', routes: sandboxRoutes(providers) });
});
afterAll(() => sandbox.close());

/** A demo sale paid through the sandbox; returns its data directory and number. */
async function paidSale(): Promise<{ dir: string; cleanup: () => Promise<void>; number: number; id: string }> {
  const { dir, cleanup } = await tempDir();
  const s = await sandboxService(sandbox, { dir });
  const sale = await s.service.charge(cartOf(4_500));
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${sale.link!.reference}/pay`, { method: 'POST' });
  expect(res.ok).toBe(true);
  await waitFor(() => s.service.get(sale.id).state === 'paid');
  await s.close();
  return { dir, cleanup, number: sale.number, id: sale.id };
}

/** Cuts the journal's last line `keep` bytes into it (the newline and the rest are lost). */
async function cutLastLine(dir: string, keep: (line: string) => number): Promise<void> {
  const file = join(dir, JOURNAL_FILE);
  const text = await fs.readFile(file, 'utf8');
  const start = text.lastIndexOf('\n', text.length - 2) + 1;
  await fs.truncate(file, Buffer.byteLength(text.slice(0, start)) + keep(text.slice(start)));
}

describe('a torn journal tail that held a payment', () => {
  it('raises an alarm naming the sale when its payment record is cut short, and the sale is checked again', async () => {
    const { dir, cleanup, number, id } = await paidSale();
    try {
      // The debit's answer, cut short after the sale's id (canonical JSON: data, hash, prev, saleId, seq, type).
      await cutLastLine(dir, (line) => line.indexOf('"seq"'));
      const s = await sandboxService(sandbox, { dir, poller: { fastIntervalMs: 60_000 } });
      try {
        expect(s.opened.tornTail).toContain('"via":"answer"');
        const alarms = tornPaymentAlarms(s.opened.tornTail, s.service);
        expect(alarms).toEqual([expect.objectContaining({ key: 'journalTornPaid', params: { number } })]);
        expect(alarms[0]!.message).toMatch(new RegExp(`sale ${number} as paid`));
        // And the sale is checked with the provider again: the debit is found, never sent twice.
        await waitFor(() => s.service.get(id).state === 'paid');
      } finally {
        await s.close();
      }
    } finally {
      await cleanup();
    }
  });

  it('says nothing when the torn record was no payment', () => {
    expect(tornPaymentAlarms('{"at":"2026-04-01T12:00:00.000Z","data":{"link":{"ref', { list: () => [] })).toEqual([]);
    expect(tornPaymentAlarms(null, { list: () => [] })).toEqual([]);
  });

  it('still says so when what is left names no sale the till knows', () => {
    expect(tornPaymentAlarms('{"at":"x","data":{"amountMinor":1,"reference":"GONE","status":"paid"', { list: () => [] })).toEqual([
      expect.objectContaining({ key: 'journalTornPaidUnknown' }),
    ]);
  });

  it('reads the sale’s id or its link’s reference from what is left of each line', () => {
    expect(
      paymentsInTornTail(
        '{"at":"x","data":{"decision":"paid","orderId":"1","reference":"K1"},"hash":"ab","prev":"cd","saleId":"S1","seq":9,"type":"order-observed"',
      ),
    ).toEqual([{ saleId: 'S1', linkReference: 'K1' }]);
    expect(paymentsInTornTail('{"at":"x","data":{"amountMinor":1,"reference":"K2","status":"paid"}')).toEqual([
      { saleId: null, linkReference: 'K2' },
    ]);
    expect(paymentsInTornTail('{"at":"x","data":{"reference":"K3","status":"opened"}}')).toEqual([]);
    expect(paymentsInTornTail(null)).toEqual([]);
  });
});
