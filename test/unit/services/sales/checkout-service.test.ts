import { beforeEach, describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import { DomainError } from '../../../../electron/services/errors';
import { ProviderError } from '../../../../electron/services/providers/provider';
import { NO_LINK_FOUND } from '../../../../electron/services/sales/checkout-service';
import { journalRecordsIn, MemoryFs } from '../journal/helpers';
import { cartOf, FakeClock, ProviderWorld, resetCartIds, settle, startService } from './world';
import { englishText } from '../../../../shared/messages';

let fs: MemoryFs;
let clock: FakeClock;
let world: ProviderWorld;

beforeEach(() => {
  resetCartIds();
  fs = new MemoryFs();
  clock = new FakeClock();
  world = new ProviderWorld(clock);
});

const journalLines = () => journalRecordsIn(fs);

describe('charge', () => {
  it('journals the sale before calling the provider, then the link, then tells the renderer', async () => {
    const provider = world.provider();
    const seenAtCreate: string[][] = [];
    const originalCreate = provider.create.bind(provider);
    world.provider = () => ({
      ...provider,
      create: (request, signal) => {
        seenAtCreate.push(journalLines().map((l) => l.type));
        return originalCreate(request, signal);
      },
    });
    const { service, events } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(2500, 1000));
    expect(seenAtCreate).toEqual([['sale-created']]);
    expect(journalLines().map((l) => l.type)).toEqual(['sale-created', 'link-created']);
    expect(sale).toMatchObject({ state: 'waiting', number: 1, amountMinor: 3500, currency: 'SEK', orderReference: 'LP-00T1-260401-1' });
    expect(sale.link?.url).toMatch(/^https:\/\/pay\.example\.test\//);
    expect(events.map((e) => e.state)).toEqual(['creating', 'waiting']);
    await service.stop();
  });

  it('answers the live sale when Charge is pressed twice or from two windows at once: one link', async () => {
    const { service } = await startService(fs, clock, world);
    const [a, b] = await Promise.all([service.charge(cartOf(1000)), service.charge(cartOf(9900))]);
    const c = await service.charge(cartOf(500));
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(world.creates).toBe(1);
    expect(journalLines().filter((l) => l.type === 'sale-created')).toHaveLength(1);
    await service.stop();
  });

  it('refuses an invalid or empty cart before any provider call and journals nothing', async () => {
    const { service } = await startService(fs, clock, world);
    // The refusal names the cart's problem by its catalog key, said in the clerk's language.
    await expect(service.charge(cartOf())).rejects.toMatchObject({ kind: 'rejected', l10n: { key: 'cartEmpty' } });
    const negative = cartOf(100);
    const bad = { ...negative, lines: negative.lines.map((l) => ({ ...l, quantityMilli: -1000 })) };
    await expect(service.charge(bad)).rejects.toMatchObject({
      kind: 'rejected',
      l10n: { key: 'cartLineQuantityNotPositive', params: { name: bad.lines[0]?.name } },
    });
    await expect(service.charge({ ...cartOf(100), currency: 'EUR' })).rejects.toBeInstanceOf(DomainError);
    expect(world.creates).toBe(0);
    expect(journalLines()).toEqual([]);
    await service.stop();
  });

  it('marks a refused create failed with the provider message and frees the till for the next sale', async () => {
    const { service } = await startService(fs, clock, world);
    world.createFault = 'reject';
    await expect(service.charge(cartOf(1000))).rejects.toBeInstanceOf(ProviderError);
    expect(service.current()).toBeNull();
    const [failed] = service.list();
    expect(failed).toMatchObject({ state: 'failed', reason: 'The payment service refused the sale.' });
    const next = await service.charge(cartOf(1000));
    expect(next).toMatchObject({ number: 2, state: 'waiting' });
    await service.stop();
  });

  it('adopts the link a timed-out create did make, without sending the create again', async () => {
    const { service } = await startService(fs, clock, world);
    world.createFault = 'timeout-after-create';
    const sale = await service.charge(cartOf(1000));
    expect(sale.state).toBe('waiting');
    expect(world.creates).toBe(1);
    expect(world.links.size).toBe(1);
    expect(sale.link?.reference).toBe([...world.links.keys()][0]);
    expect(sale.history.at(-1)?.note).toMatch(/adopted/);
    await service.stop();
  });

  it('reconciles a create whose answer was unreadable instead of failing the sale and freeing the till for a second link', async () => {
    const { service } = await startService(fs, clock, world);
    world.createFault = 'garbled-after-create';
    const sale = await service.charge(cartOf(1000));
    expect(sale.state).toBe('waiting');
    expect(world.creates).toBe(1);
    expect(world.links.size).toBe(1);
    expect(sale.link?.reference).toBe([...world.links.keys()][0]);
    await service.stop();
  });

  it('asks the clerk when a timed-out create left no link, and only then creates one with a new reference', async () => {
    const { service } = await startService(fs, clock, world);
    world.createFault = 'timeout-before-create';
    const sale = await service.charge(cartOf(1000));
    expect(sale).toMatchObject({ state: 'needs-attention', reason: englishText(NO_LINK_FOUND), reasonMessage: NO_LINK_FOUND, link: null });
    // Charging again does not create a second link behind the clerk's back.
    expect((await service.charge(cartOf(1000))).id).toBe(sale.id);
    expect(world.creates).toBe(1);
    const recreated = await service.confirmRecreate(sale.id);
    expect(recreated.state).toBe('waiting');
    expect(recreated.orderReference).toBe(`${sale.orderReference}-2`);
    expect(recreated.orderReference.length).toBeLessThanOrEqual(22);
    expect(world.creates).toBe(2);
    await expect(service.confirmRecreate(sale.id)).rejects.toMatchObject({ kind: 'conflict' });
    await service.stop();
  });

  it('refuses to make the new link while the confirming search cannot reach the provider', async () => {
    const { service } = await startService(fs, clock, world);
    world.createFault = 'timeout-before-create';
    const sale = await service.charge(cartOf(1000));
    world.network = 'down';
    await expect(service.confirmRecreate(sale.id)).rejects.toMatchObject({
      kind: 'provider-unavailable',
      l10n: { key: 'saleRecreateSearchFailed' },
    });
    expect(world.creates).toBe(1);
    expect(service.get(sale.id)).toMatchObject({ state: 'needs-attention', link: null });
    world.network = 'up';
    expect((await service.confirmRecreate(sale.id)).state).toBe('waiting');
    expect(world.creates).toBe(2);
    await service.stop();
  });

  it.each([
    ['amount', { totalMinor: 999 }],
    ['currency', { currency: 'EUR' as const }],
  ])(
    'never adopts a link under the sale’s order reference whose %s differs (another till’s, or an old one): needs attention',
    async (_what, change) => {
      const { service } = await startService(fs, clock, world);
      // Another till (or an old install) already has a link under the reference this sale will get.
      const theirs = cartOf(1000);
      const totals = { ...priceCart(theirs), ...change };
      await world.provider().create({ orderReference: 'LP-00T1-260401-1', totals, validTo: new Date(clock.ms + 60_000) });
      world.createFault = 'timeout-before-create';
      const sale = await service.charge(cartOf(1000));
      expect(sale.orderReference).toBe('LP-00T1-260401-1');
      expect(sale).toMatchObject({ state: 'needs-attention', link: null, reasonMessage: { key: 'reasonFoundLinkMismatch' } });
      expect((await service.checkNow(sale.id)).link).toBeNull();
      expect(world.creates).toBe(2);
      await service.stop();
    },
  );

  it('re-searches on Check now for an unknown create and adopts a link that has appeared', async () => {
    const { service } = await startService(fs, clock, world);
    world.createFault = 'timeout-before-create';
    const sale = await service.charge(cartOf(1000));
    world.network = 'down';
    expect((await service.checkNow(sale.id)).state).toBe('needs-attention');
    world.network = 'up';
    // The provider indexed the create late.
    await world.provider().create({ orderReference: sale.orderReference, totals: sale.totals, validTo: new Date(clock.ms + 60_000) });
    expect((await service.checkNow(sale.id)).state).toBe('waiting');
    await service.stop();
  });
});

describe('watching a sale to the end', () => {
  it('polls to paid, journals opened once and stops polling', async () => {
    const { service, events } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    const ref = sale.link!.reference;
    await clock.advance(3_000);
    world.open(ref);
    await clock.advance(3_000);
    expect(service.get(sale.id).state).toBe('opened');
    world.pay(ref);
    await clock.advance(1_000);
    expect(service.get(sale.id).state).toBe('paid');
    expect(events.at(-1)?.state).toBe('paid');
    const calls = world.statusCalls;
    await clock.advance(60_000);
    expect(world.statusCalls).toBe(calls);
    expect(journalLines().map((l) => l.type)).toEqual(['sale-created', 'link-created', 'status-observed', 'status-observed']);
    expect(service.current()).toBeNull();
    await service.stop();
  });

  it('says the connection is lost while a status check hangs for seconds, and clears it when the answer comes', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    let release!: () => void;
    world.statusGate = new Promise((resolve) => (release = resolve));
    await clock.advance(1_000); // the first poll starts and hangs
    expect(service.get(sale.id).connectionLost).toBe(false);
    await clock.advance(4_000);
    expect(service.get(sale.id).connectionLost).toBe(true);
    expect(service.get(sale.id).state).toBe('waiting');
    world.statusGate = null;
    release();
    await clock.advance(100);
    expect(service.get(sale.id).connectionLost).toBe(false);
    await service.stop();
  });

  it('shows a lost connection without failing the sale, and carries on when it returns', async () => {
    const { service, events } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    world.network = 'down';
    await clock.advance(2_000);
    expect(service.get(sale.id)).toMatchObject({ state: 'waiting', connectionLost: true });
    expect(events.at(-1)).toMatchObject({ connectionLost: true });
    world.network = 'up';
    world.pay(sale.link!.reference);
    await clock.advance(2_000);
    expect(service.get(sale.id)).toMatchObject({ state: 'paid', connectionLost: false });
    expect(journalLines().some((l) => l.type === 'failed')).toBe(false);
    await service.stop();
  });

  it('puts a payment of the wrong amount in needs-attention, never paid', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    world.pay(sale.link!.reference, 100);
    await clock.advance(1_000);
    expect(service.get(sale.id)).toMatchObject({ state: 'needs-attention' });
    // Both amounts, for the person resolving it, in whatever language they read.
    expect(service.get(sale.id).reasonMessage).toEqual({
      key: 'reasonMismatchPaidAmounts',
      params: { reportedMinor: 100, reportedCurrency: 'SEK', expectedMinor: 1000, expectedCurrency: 'SEK' },
    });
    expect(service.get(sale.id).reason.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'The payment service reports a payment that does not match this sale (SEK 1.00 instead of SEK 10.00). It has not been counted as paid.',
    );
    expect(service.list()[0]!.id).toBe(sale.id);
    await service.stop();
  });

  it('after validity plus grace, cancels a still-open link and records the sale expired', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    await clock.advance(15 * 60_000 + 9_000);
    expect(service.get(sale.id).state).toBe('waiting');
    await clock.advance(2_000);
    expect(service.get(sale.id).state).toBe('expired');
    expect(world.links.get(sale.link!.reference)?.status).toBe('cancelled');
    await service.stop();
  });
});

describe('cancel', () => {
  it('cancels the link at the provider and journals the request before the call', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    const cancelled = await service.cancel(sale.id);
    expect(cancelled.state).toBe('cancelled');
    expect(world.links.get(sale.link!.reference)?.status).toBe('cancelled');
    expect(
      journalLines()
        .map((l) => l.type)
        .slice(-2),
    ).toEqual(['cancel-requested', 'cancelled']);
    expect(service.current()).toBeNull();
    await service.stop();
  });

  it('records a payment that beat the cancel as paid and needing attention, never cancelled', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    world.pay(sale.link!.reference);
    await expect(service.cancel(sale.id)).rejects.toMatchObject({ kind: 'rejected' });
    await clock.advance(1_000);
    const view = service.get(sale.id);
    expect(view.state).toBe('needs-attention');
    expect(view.reason).toMatch(/paid while the clerk was cancelling/);
    expect(view.history.some((h) => h.state === 'cancelled')).toBe(false);
    const resolved = await service.resolve(sale.id, 'Customer kept the goods');
    expect(resolved.state).toBe('paid');
    await service.stop();
  });

  it('records a payment that landed just before Cancel even when the provider disables a paid link without complaint', async () => {
    const { service } = await startService(fs, clock, world);
    world.cancelPaidSilently = true;
    const sale = await service.charge(cartOf(1000));
    world.pay(sale.link!.reference); // paid between two polls
    const after = await service.cancel(sale.id);
    expect(after.state).toBe('needs-attention');
    expect(journalLines().map((l) => l.type)).not.toContain('cancelled');
    await service.stop();
  });

  it('cancels an unpaid link for another amount before the sale waits for a person, and says nothing was paid', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    world.links.get(sale.link!.reference)!.amountMinor = 999; // e.g. an update whose outcome was unknown
    await clock.advance(1_000);
    const after = service.get(sale.id);
    expect(after.state).toBe('needs-attention');
    expect(after.reason).toMatch(/Nothing has been paid and the link has been cancelled/);
    expect(world.pay(sale.link!.reference)).toBe(false); // the customer can no longer pay it
    await service.stop();
  });

  it('turns a payment found after the sale was cancelled into needs-attention', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    await service.cancel(sale.id);
    // The provider's records later show the link paid (e.g. their cancel lost a race).
    const link = world.links.get(sale.link!.reference)!;
    link.status = 'paid';
    link.paidAmountMinor = 1000;
    const view = await service.checkNow(sale.id);
    expect(view.state).toBe('needs-attention');
    expect(view.history.map((h) => h.state)).toContain('cancelled');
    expect(view.reason).toMatch(/paid after the sale was cancelled/);
    await service.stop();
  });
});

describe('changing the cart of a live sale', () => {
  it('updates the link in place where the provider can', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    const updated = await service.updateCart(sale.id, cartOf(1000, 500), false);
    expect(updated).toMatchObject({ amountMinor: 1500, state: 'waiting', orderReference: sale.orderReference });
    expect(updated.link?.reference).toBe(sale.link?.reference);
    expect(world.links.get(sale.link!.reference)?.amountMinor).toBe(1500);
    await service.stop();
  });

  it('asks before replacing a link, then cancels the old one before the new one exists', async () => {
    world = new ProviderWorld(clock, {
      canUpdate: false,
      canSendLink: false,
      reportsOpened: false,
      searchFilters: false,
      capture: false,
      refund: false,
    });
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    await expect(service.updateCart(sale.id, cartOf(2000), false)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'This provider cannot change a live link. Confirm to cancel it and create a new one.',
    });
    const provider = world.provider();
    const liveAtCreate: number[] = [];
    world.provider = () => provider;
    const h = await startService(fs, clock, world);
    const originalCreate = provider.create.bind(provider);
    Object.assign(provider, {
      create: (request: Parameters<typeof originalCreate>[0]) => {
        liveAtCreate.push([...world.links.values()].filter((l) => l.status === 'open').length);
        return originalCreate(request);
      },
    });
    const replaced = await h.service.updateCart(sale.id, cartOf(2000), true);
    expect(liveAtCreate).toEqual([0]);
    expect(replaced).toMatchObject({ state: 'waiting', amountMinor: 2000, orderReference: `${sale.orderReference}-2` });
    expect(world.links.get(sale.link!.reference)?.status).toBe('cancelled');
    expect(replaced.link?.reference).not.toBe(sale.link?.reference);
    await service.stop();
    await h.service.stop();
  });

  it('keeps a payment of the old amount rather than replacing a paid link', async () => {
    world = new ProviderWorld(clock, {
      canUpdate: false,
      canSendLink: false,
      reportsOpened: false,
      searchFilters: false,
      capture: false,
      refund: false,
    });
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    world.pay(sale.link!.reference);
    await expect(service.updateCart(sale.id, cartOf(2000), true)).rejects.toMatchObject({ kind: 'rejected' });
    await clock.advance(1_000);
    expect(service.get(sale.id)).toMatchObject({ state: 'paid', amountMinor: 1000 });
    expect(world.creates).toBe(1);
    await service.stop();
  });
});

describe('send link, list and restart', () => {
  it('sends the link through the provider and journals only a masked contact', async () => {
    const { service } = await startService(fs, clock, world);
    const sale = await service.charge(cartOf(1000));
    const sent = await service.sendLink(sale.id, { kind: 'email', email: 'anna@example.se' });
    expect(sent.history.at(-1)?.note).toBe('Link sent by e-mail to a***@example.se');
    expect(JSON.stringify(journalLines())).not.toContain('anna@');
    await service.stop();
  });

  it('lists needs-attention first, then newest first, with filters', async () => {
    const { service } = await startService(fs, clock, world);
    const first = await service.charge(cartOf(1000));
    await service.cancel(first.id);
    world.createFault = 'timeout-before-create';
    const second = await service.charge(cartOf(2000));
    await service.cancel(second.id);
    const third = await service.charge(cartOf(3000));
    world.pay(third.link!.reference, 1);
    await clock.advance(1_000);
    const fourth = await service.charge(cartOf(4000));
    expect(service.list().map((s) => s.number)).toEqual([3, 4, 2, 1]);
    expect(service.list({ states: ['cancelled'] }).map((s) => s.number)).toEqual([2, 1]);
    expect(service.list({ minAmountMinor: 2500, limit: 1 }).map((s) => s.id)).toEqual([third.id]);
    expect(service.current()?.id).toBe(fourth.id);
    await service.stop();
  });

  it('rebuilds the same sales from the journal after a restart and resumes watching open links', async () => {
    const a = await startService(fs, clock, world);
    const paid = await a.service.charge(cartOf(1000));
    world.pay(paid.link!.reference);
    await clock.advance(1_000);
    const open = await a.service.charge(cartOf(2000));
    world.open(open.link!.reference);
    await clock.advance(1_000);
    const before = a.service.list();
    await a.service.stop();

    const b = await startService(fs, clock, world);
    expect(b.service.list()).toEqual(before);
    world.pay(open.link!.reference);
    await clock.advance(1_000);
    expect(b.service.get(open.id).state).toBe('paid');
    await b.service.stop();
  });

  it('after a restart, shows the interrupted sale as current even once it is paid, until the next sale', async () => {
    const a = await startService(fs, clock, world);
    const sale = await a.service.charge(cartOf(1000));
    await a.service.stop();
    world.pay(sale.link!.reference); // paid while the till was down

    const b = await startService(fs, clock, world);
    await clock.advance(1_000);
    expect(b.service.current()).toMatchObject({ id: sale.id, state: 'paid' });
    const next = await b.service.charge(cartOf(500));
    expect(b.service.current()?.id).toBe(next.id);
    world.pay(next.link!.reference);
    await clock.advance(1_000);
    expect(b.service.current()).toBeNull(); // a sale finished in this run is dismissed by the till itself
    await b.service.stop();
  });

  it('after a crash during create, adopts the link the provider has, or asks the clerk; never creates again', async () => {
    for (const linkWasMade of [true, false]) {
      fs = new MemoryFs();
      world = new ProviderWorld(clock);
      const a = await startService(fs, clock, world);
      world.createGate = new Promise(() => undefined);
      void a.service.charge(cartOf(1000));
      await settle();
      expect(journalLines().map((l) => l.type)).toEqual(['sale-created']);
      world.createGate = null;
      if (linkWasMade) {
        const orderReference = journalLines()[0]!.data['orderReference'] as string;
        await world.provider().create({ orderReference, totals: a.service.list()[0]!.totals, validTo: new Date(clock.ms + 900_000) });
      }
      const createsBefore = world.creates;
      const b = await startService(fs, clock, world);
      const [sale] = b.service.list();
      expect(sale!.state).toBe(linkWasMade ? 'waiting' : 'needs-attention');
      expect(world.creates).toBe(createsBefore);
      expect(b.service.current()?.id).toBe(sale!.id);
      await b.service.stop();
    }
  });
});
