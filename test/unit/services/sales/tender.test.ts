import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import { buildLedger } from '../../../../electron/services/receipts/ledger';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import { tempDir } from '../journal/helpers';
import { cartOf } from './world';
import { sandboxService, waitFor, type SandboxService } from './sandbox-service';

/**
 * "Take payment another way" (#15): cash or a card terminal for the cart of a sale no link can
 * pay — against the real sandbox, its faults and a real journal.
 */

let sandbox: Sandbox;
let open: SandboxService[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', routes: sandboxRoutes(providers) });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  for (const s of open.reverse()) await s.close();
  open = [];
  sandbox.setFaults([]);
});

// Each service its own till code, so order references never meet in the one sandbox.
let tills = 0;
const tillId = () => `TT${++tills}`;

async function start(options: Parameters<typeof sandboxService>[1] = {}): Promise<SandboxService> {
  const s = await sandboxService(sandbox, { otherTenders: true, tillId: tillId(), ...options });
  open.push(s);
  return s;
}

async function control(path: string): Promise<void> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/${path}`, { method: 'POST' });
  expect(res.ok).toBe(true);
}

/** Charges while the provider refuses every request: the sale fails, no link exists. */
async function refusedSale(s: SandboxService, ...prices: number[]) {
  sandbox.setFaults([{ kind: 'error', status: 503 }]);
  await expect(s.service.charge(cartOf(...prices))).rejects.toMatchObject({ kind: 'unavailable' });
  const [sale] = s.service.list();
  expect(sale?.state).toBe('failed');
  return sale!;
}

const recordTypes = async (s: SandboxService, saleId: string) =>
  (await s.journal.readAll()).filter((r) => r.saleId === saleId).map((r) => r.type);

describe('taking payment another way when the provider refuses the link', () => {
  it('records a cash sale for the same cart, paid, with the change, and numbered next', async () => {
    const s = await start();
    const failed = await refusedSale(s, 4_000, 1_550);
    const paid = await s.service.payOtherwise(failed.id, { kind: 'cash', givenMinor: 10_000 });
    expect(paid).toMatchObject({
      state: 'paid',
      number: failed.number + 1,
      amountMinor: 5_550,
      tender: { kind: 'cash', givenMinor: 10_000, changeMinor: 4_450 },
      link: null,
    });
    expect(paid.id).not.toBe(failed.id);
    expect(paid.totals).toEqual(failed.totals);
    expect(await recordTypes(s, paid.id)).toEqual(['sale-created', 'tender-recorded']);
    // The link sale stays failed; nothing was sent to the provider for the tender.
    expect(s.service.get(failed.id).state).toBe('failed');
    expect(s.service.current()).toBeNull();
  });

  it('records a card terminal reference, and a second press answers the same sale', async () => {
    const s = await start();
    const failed = await refusedSale(s, 2_000);
    const first = await s.service.payOtherwise(failed.id, { kind: 'terminal', reference: 'AUTH 123456' });
    const again = await s.service.payOtherwise(failed.id, { kind: 'terminal', reference: 'AUTH 999' });
    expect(again).toEqual(first);
    expect(first.tender).toEqual({ kind: 'terminal', reference: 'AUTH 123456' });
    expect(s.service.list().filter((sale) => sale.tender !== null)).toHaveLength(1);
  });

  it('gives the tender sale a receipt number in the same series as link sales, and the journal replays it', async () => {
    const s = await start();
    sandbox.setFaults([]);
    const linkSale = await s.service.charge(cartOf(1_000));
    await control(`ecster/links/${linkSale.link!.reference}/pay`);
    await waitFor(() => s.service.get(linkSale.id).state === 'paid');
    const failed = await refusedSale(s, 3_000);
    const cash = await s.service.payOtherwise(failed.id, { kind: 'cash', givenMinor: 3_000 });
    const records = await s.journal.readAll();
    const ledger = buildLedger(records);
    expect(ledger.receipts.get(linkSale.id)).toMatchObject({ series: 'training', number: 1 });
    expect(ledger.receipts.get(cash.id)).toMatchObject({ series: 'training', number: 2 });
    const replayed = replaySales(records);
    expect(replayed.problems).toEqual([]);
    expect(replayed.sales.get(cash.id)).toMatchObject({
      state: 'paid',
      paid: true,
      tender: { kind: 'cash', changeMinor: 0 },
      replaces: failed.id,
    });
  });

  it('survives a restart between the tender sale’s two records as paid, never making a link for it', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const first = await sandboxService(sandbox, { otherTenders: true, tillId: 'TR1', dir });
      const failed = await refusedSale(first, 2_500);
      const cash = await first.service.payOtherwise(failed.id, { kind: 'cash', givenMinor: 5_000 });
      await first.close();
      // Cut the journal back to just after the tender sale's sale-created (a crash before the second fsync).
      const { readFile, writeFile } = await import('node:fs/promises');
      const path = `${dir}/sales.journal`;
      const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
      const cut = lines.findIndex((l) => l.includes('"tender-recorded"'));
      await writeFile(path, `${lines.slice(0, cut).join('\n')}\n`);
      sandbox.setFaults([]);
      const second = await sandboxService(sandbox, { otherTenders: true, tillId: 'TR1', dir });
      try {
        expect(second.service.get(cash.id)).toMatchObject({ state: 'paid', tender: { kind: 'cash', changeMinor: 2_500 } });
        expect(second.service.current()).toBeNull();
        expect(await recordTypes(second, cash.id)).toEqual(['sale-created', 'tender-recorded']);
      } finally {
        await second.close();
      }
    } finally {
      await cleanup();
    }
  });
});

describe('what main refuses', () => {
  it('refuses when the merchant has not allowed other payment means', async () => {
    const s = await start({ otherTenders: false });
    const failed = await refusedSale(s, 2_000);
    await expect(s.service.payOtherwise(failed.id, { kind: 'cash', givenMinor: 2_000 })).rejects.toMatchObject({
      kind: 'rejected',
      l10n: { key: 'saleTenderOff' },
    });
    expect(s.service.list()).toHaveLength(1);
  });

  it('refuses cash that does not cover the total', async () => {
    const s = await start();
    const failed = await refusedSale(s, 2_000);
    await expect(s.service.payOtherwise(failed.id, { kind: 'cash', givenMinor: 1_999 })).rejects.toMatchObject({
      kind: 'rejected',
      l10n: { key: 'saleTenderShort' },
    });
    expect(s.service.list()).toHaveLength(1);
  });

  it('refuses while the sale’s link may still be paid, and for a sale already paid by link', async () => {
    const s = await start();
    const live = await s.service.charge(cartOf(2_000));
    await expect(s.service.payOtherwise(live.id, { kind: 'cash', givenMinor: 5_000 })).rejects.toMatchObject({
      kind: 'conflict',
      l10n: { key: 'saleTenderLinkMayBePaid' },
    });
    await control(`ecster/links/${live.link!.reference}/pay`);
    await waitFor(() => s.service.get(live.id).state === 'paid');
    await expect(s.service.payOtherwise(live.id, { kind: 'cash', givenMinor: 5_000 })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await recordTypes(s, live.id)).not.toContain('tender-recorded');
  });

  it('closes a sale whose link is gone as not paid first, and refuses while the provider cannot confirm it is gone', async () => {
    const s = await start({ poller: { notFoundForMs: 300 } });
    const sale = await s.service.charge(cartOf(4_000));
    await control('ecster/reset');
    await waitFor(() => s.service.get(sale.id).relinkable === true);
    sandbox.setFaults([{ kind: 'error', status: 503 }]);
    await expect(s.service.payOtherwise(sale.id, { kind: 'cash', givenMinor: 4_000 })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(s.service.get(sale.id).state).toBe('needs-attention');
    sandbox.setFaults([]);
    const paid = await s.service.payOtherwise(sale.id, { kind: 'cash', givenMinor: 4_000 });
    expect(paid.state).toBe('paid');
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'needs-attention', 'cancelled']);
  });

  it('takes the cart of a sale a person resolved before its link’s end was confirmed only once the provider confirms it', async () => {
    const s = await start({ linkValidityMs: 1_500, poller: { expiryGraceMs: 100 } });
    const sale = await s.service.charge(cartOf(3_500));
    sandbox.setFaults([{ kind: 'error', status: 503, match: { method: 'GET' } }]);
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention', 10_000);
    expect((await s.service.resolve(sale.id, 'Provider down, customer left')).state).toBe('cancelled');
    await expect(s.service.payOtherwise(sale.id, { kind: 'cash', givenMinor: 3_500 })).rejects.toMatchObject({ kind: 'unavailable' });
    sandbox.setFaults([]);
    const paid = await s.service.payOtherwise(sale.id, { kind: 'cash', givenMinor: 3_500 });
    expect(paid.state).toBe('paid');
    expect(s.service.get(sale.id).state).toBe('cancelled');
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'needs-attention', 'resolved']);
  });

  it('does not send a refund of a cash sale to the provider: it says it is not supported yet', async () => {
    const s = await start();
    const failed = await refusedSale(s, 2_000);
    const cash = await s.service.payOtherwise(failed.id, { kind: 'cash', givenMinor: 2_000 });
    await expect(
      s.service.refund(cash.id, { refundNumber: 1, lines: [{ lineId: cash.totals.lines[0]!.id, quantityMilli: 1000 }], reason: 'x' }),
    ).rejects.toMatchObject({ kind: 'rejected', l10n: { key: 'refundTenderUnsupported' } });
    expect(await recordTypes(s, cash.id)).toEqual(['sale-created', 'tender-recorded']);
  });
});
