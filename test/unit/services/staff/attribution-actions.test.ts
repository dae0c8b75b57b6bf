import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import { CART_JOURNAL_FILE } from '../../../../electron/services/cart/cart-journal';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { callApp, openTestApp } from '../../../support/app-services';

/**
 * Every journal record a person causes names them (`by`: id and name as they were), decided in main
 * from the till's own session: refunds, cancels, a stopped wait for an order, a resolve, a new link
 * for the same cart, Close as not paid, and the Z report (who closed the day). Through the real
 * services and the one dispatcher, against the built-in sandbox.
 */
const OWNER_PIN = '80461935';
const CLERK_PIN = '72950318';

let dataDir = '';
let app: AppServices | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const cart = (name: string, unitPriceMinor: number) => ({
  currency: 'SEK',
  discount: null,
  lines: [
    {
      id: 'a',
      barcode: '',
      name,
      unitPriceMinor,
      vatRate: 1200,
      quantityMilli: 1000,
      weighed: false,
      unit: 'st',
      partNumber: '',
      discount: null,
      custom: true,
    },
  ],
});

type Record = { type: string; saleId: string; data: { by?: unknown; approvedBy?: unknown; clerk?: unknown } };
const journal = (): Record[] =>
  readFileSync(join(dataDir, JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record);
/** The `by` of each record of a sale, by type (the last record of a type wins). */
const byOf = (saleId: string) =>
  Object.fromEntries(
    journal()
      .filter((r) => r.saleId === saleId)
      .map((r) => [r.type, r.data.by ?? null]),
  );
/** The `approvedBy` of each record of a sale, by type. */
const approvedByOf = (saleId: string) =>
  Object.fromEntries(
    journal()
      .filter((r) => r.saleId === saleId)
      .map((r) => [r.type, r.data.approvedBy ?? null]),
  );

type Sale = { id: string; state: string; attempts?: number };
const state = async (id: string) => (await callApp<Sale>(app!, 'sale:get', { id })).state;
/** Until the sale is in `wanted` (the poller's own pace: a lost link takes its ~10 s to be given up). */
const until = (id: string, wanted: string) =>
  vi.waitFor(
    async () => {
      if ((await state(id)) !== wanted) throw new Error(`sale ${id} not ${wanted} yet`);
    },
    { timeout: 40_000, interval: 200 },
  );

async function sandbox(path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${app!.sandboxUrl}/__sandbox/ecster/${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok).toBe(true);
}

describe('who caused each record', () => {
  it('journals the acting member on refunds, cancels, a stopped wait, a resolve and the Z report', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-staff-by-'));
    app = await openTestApp(dataDir);
    const owner = (await callApp<{ signedIn: { id: string } }>(app, 'staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' }))
      .signedIn;
    await callApp(app, 'staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' });
    const clerk = (await callApp<{ signedIn: { id: string } }>(app, 'staff:signIn', { pin: CLERK_PIN })).signedIn;
    const olga = { id: owner.id, name: 'Olga Owner' };
    const carl = { id: clerk.id, name: 'Carl Clerk' };

    // A link only shown is the clerk's to cancel; a name sent along with the call is not believed.
    const shown = await callApp<Sale>(app, 'sale:charge', { cart: cart('Kaffe', 3_000) });
    await callApp(app, 'sale:cancel', { id: shown.id, by: { id: 's-mallory', name: 'Mallory' } });
    expect(byOf(shown.id)).toMatchObject({ 'sale-created': null, 'cancel-requested': carl, cancelled: carl });

    // The customer leaves the order half done: the clerk stops waiting, with a manager's approval —
    // the record is the clerk's, who asked; the manager then resolves it.
    await sandbox('next-order', { statuses: ['PENDING_SIGNATURE'] });
    const pending = await callApp<Sale>(app, 'sale:charge', { cart: cart('Te', 2_500) });
    await callApp(app, 'sale:demoCustomer', { id: pending.id, action: 'pay' });
    await until(pending.id, 'completing');
    expect((await app.dispatch('sale:cancel', { id: pending.id })).ok).toBe(false);
    await callApp(app, 'staff:approve', { pin: OWNER_PIN, channel: 'sale:cancel' });
    expect((await callApp<Sale>(app, 'sale:cancel', { id: pending.id })).state).toBe('needs-attention');
    await callApp(app, 'staff:signIn', { pin: OWNER_PIN });
    await callApp(app, 'sale:resolve', { id: pending.id, note: 'Customer left' });
    expect(byOf(pending.id)).toMatchObject({ 'needs-attention': carl, resolved: olga });
    // The record names the manager who approved it too; the manager's own resolve needed no approval.
    expect(approvedByOf(pending.id)).toMatchObject({ 'sale-created': null, 'needs-attention': olga, resolved: null });

    // A refund is the manager's who made it; the provider's answer is nobody's.
    await callApp(app, 'staff:signIn', { pin: CLERK_PIN });
    const paid = await callApp<Sale>(app, 'sale:charge', { cart: cart('Bulle', 3_500) });
    await callApp(app, 'sale:demoCustomer', { id: paid.id, action: 'pay' });
    await until(paid.id, 'paid');
    await callApp(app, 'staff:signIn', { pin: OWNER_PIN });
    await callApp(app, 'sale:refund', { id: paid.id, refundNumber: 1, lines: [{ lineId: 'a', quantityMilli: 1000 }], reason: 'Broken' });
    await vi.waitFor(() => expect(journal().some((r) => r.saleId === paid.id && r.type === 'refunded')).toBe(true));
    expect(byOf(paid.id)).toMatchObject({ 'sale-created': null, 'refund-requested': olga, refunded: null });
    expect(journal().find((r) => r.saleId === paid.id && r.type === 'sale-created')?.data.clerk).toEqual(carl);

    // The Z report names who closed the day, in z-reports.json too, and it survives a restart.
    const z = await callApp<{ number: number; closedBy?: unknown }>(app, 'report:z', { confirmOpenSales: true });
    expect(z.closedBy).toEqual(olga);
    const saved = JSON.parse(readFileSync(join(dataDir, 'z-reports.json'), 'utf8')) as { reports: { closedBy?: unknown }[] };
    expect(saved.reports.at(-1)?.closedBy).toEqual(olga);
    await app.close();
    app = await openTestApp(dataDir);
    await callApp(app, 'staff:signIn', { pin: OWNER_PIN });
    expect((await callApp<{ closedBy?: unknown }>(app, 'report:get', { number: z.number })).closedBy).toEqual(olga);
  }, 120_000);

  it('journals who made a new link for the same cart and who closed a lost link as not paid', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-staff-by-'));
    app = await openTestApp(dataDir);
    const owner = (await callApp<{ signedIn: { id: string } }>(app, 'staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' }))
      .signedIn;
    const olga = { id: owner.id, name: 'Olga Owner' };
    const carl = {
      id: (
        await callApp<{ members: { id: string; name: string }[] }>(app, 'staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' })
      ).members[1]!.id,
      name: 'Carl Clerk',
    };
    await callApp(app, 'staff:signIn', { pin: CLERK_PIN });

    const sale = await callApp<Sale>(app, 'sale:charge', { cart: cart('Kaka', 4_000) });
    // The sandbox forgets the link: after its checks the sale needs a person.
    await sandbox('reset');
    await until(sale.id, 'needs-attention');
    await callApp(app, 'sale:confirmRecreate', { id: sale.id });
    expect(await state(sale.id)).toBe('waiting');
    expect(byOf(sale.id)).toMatchObject({ 'link-replaced': carl });

    await sandbox('reset');
    await until(sale.id, 'needs-attention');
    // Close as not paid needs a manager (the sale needs attention): approved, it is still the clerk's.
    await callApp(app, 'staff:approve', { pin: OWNER_PIN, channel: 'sale:cancel' });
    expect((await callApp<Sale>(app, 'sale:cancel', { id: sale.id })).state).toBe('cancelled');
    expect(byOf(sale.id)).toMatchObject({ cancelled: carl });
    expect(approvedByOf(sale.id)).toMatchObject({ 'link-replaced': null, cancelled: olga });
  }, 120_000);

  it('journals on each cart event who was signed in when the batch arrived, and the carts replay after a restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-staff-by-'));
    app = await openTestApp(dataDir);
    const registered = (cartId: string, name: string) => ({
      type: 'article-registered',
      cartId,
      currency: 'SEK',
      line: { ...cart(name, 1_000).lines[0]!, id: name },
    });
    // Before staff: nobody's, as in files from before.
    await callApp(app, 'cart:record', { writer: 'w', from: 0, events: [registered('c1', 'Saft')] });
    const owner = (await callApp<{ signedIn: { id: string } }>(app, 'staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' }))
      .signedIn;
    await callApp(app, 'staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' });
    const clerk = (await callApp<{ signedIn: { id: string } }>(app, 'staff:signIn', { pin: CLERK_PIN })).signedIn;
    // A name the window sends along is not believed: main decides.
    await callApp(app, 'cart:record', { writer: 'w', from: 1, events: [{ ...registered('c1', 'Te'), by: { id: 'x', name: 'Mallory' } }] });
    await callApp(app, 'staff:signIn', { pin: OWNER_PIN });
    await callApp(app, 'cart:record', { writer: 'w', from: 2, events: [registered('c1', 'Bulle')] });
    const cartRecords = readFileSync(join(dataDir, CART_JOURNAL_FILE), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record)
      .filter((r) => r.type === 'article-registered');
    expect(cartRecords.map((r) => r.data.by ?? null)).toEqual([
      null,
      { id: clerk.id, name: 'Carl Clerk' },
      { id: owner.id, name: 'Olga Owner' },
    ]);
    await app.close();
    app = await openTestApp(dataDir);
    await callApp(app, 'staff:signIn', { pin: OWNER_PIN });
    const memory = await callApp<{ open: { cart: { lines: { name: string }[] } } | null }>(app, 'cart:restore', undefined);
    expect(memory.open?.cart.lines.map((l) => l.name)).toEqual(['Saft', 'Te', 'Bulle']);
  }, 120_000);

  it('journals who sent an e-mailed receipt, and who tried again after it failed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-staff-by-'));
    app = await openTestApp(dataDir);
    // Before staff: the send is nobody's, as before.
    const early = await callApp<Sale>(app, 'sale:charge', { cart: cart('Saft', 2_000) });
    await callApp(app, 'sale:demoCustomer', { id: early.id, action: 'pay' });
    await until(early.id, 'paid');
    expect((await app.dispatch('mail:sendReceipt', { saleId: early.id, address: 'kim@example.com' })).ok).toBe(false);
    const owner = (await callApp<{ signedIn: { id: string } }>(app, 'staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' }))
      .signedIn;
    await callApp(app, 'staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' });
    const clerk = (await callApp<{ signedIn: { id: string } }>(app, 'staff:signIn', { pin: CLERK_PIN })).signedIn;

    const paid = await callApp<Sale>(app, 'sale:charge', { cart: cart('Bulle', 3_500) });
    await callApp(app, 'sale:demoCustomer', { id: paid.id, action: 'pay' });
    await until(paid.id, 'paid');
    // No SMTP server is set: the send fails and is journaled as the clerk's; the owner tries again.
    expect((await app.dispatch('mail:sendReceipt', { saleId: paid.id, address: 'kim@example.com' })).ok).toBe(false);
    await callApp(app, 'staff:signIn', { pin: OWNER_PIN });
    expect((await app.dispatch('mail:sendReceipt', { saleId: paid.id, address: 'kim@example.com' })).ok).toBe(false);
    const mails = journal().filter((r) => r.type === 'receipt-mail');
    expect(mails.map((r) => [r.saleId, r.data.by ?? null])).toEqual([
      [early.id, null],
      [paid.id, { id: clerk.id, name: 'Carl Clerk' }],
      [paid.id, { id: owner.id, name: 'Olga Owner' }],
    ]);
  }, 120_000);
});
