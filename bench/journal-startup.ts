/**
 * One start-up from a checkpoint, run in its own process by bench/journal.ts (a till starts in a
 * fresh process: no inherited heap, no warmed-up code). Timed from reading the checkpoint to the
 * Z report over every sale, with the steps createAppServices takes; module loading is left out,
 * as the app has loaded its modules before it opens the journal. Prints one JSON line.
 */
import { pathToFileURL } from 'node:url';
import { priceCart, validateCart } from '../shared/domain/cart';
import { makeOrderReference } from '../shared/domain/order-reference';
import { buildReport, nextZ } from '../shared/domain/report';
import { EventBus } from '../electron/services/ipc/event-bus';
import { readCheckpoint, restoreFromCheckpoint } from '../electron/services/startup/checkpoint-store';
import { openJournal } from '../electron/services/journal/journal';
import { extendLedger } from '../electron/services/receipts/ledger';
import { CheckoutService } from '../electron/services/sales/checkout-service';
import { abortableSleep } from '../electron/services/sales/poller';
import { silent } from './lib/demo-checkout';

export interface StartupRun {
  paid: number;
  linesAfter: number;
  /** Checkpoint read and journal opened from its anchor. */
  readMs: number;
  /** Everything, up to the Z report. */
  resumeMs: number;
}

/** A CheckoutService over `journal` as the app builds it; these sales never need the provider. */
function checkoutOver(journal: Awaited<ReturnType<typeof openJournal>>['journal']): CheckoutService {
  return new CheckoutService({
    journal,
    events: new EventBus(),
    getProvider: () => {
      throw new Error('the bench start-up must not call a provider');
    },
    settings: () => ({ currency: 'SEK', linkValidityMinutes: 15, tillId: 'BNCH' }),
    priceCart,
    validateCart,
    makeOrderReference,
    // Long after the generated sales: no recently ended sale gets a status check.
    now: () => new Date('2027-01-01T00:00:00Z'),
    sleep: abortableSleep,
    random: Math.random,
    log: silent,
  });
}

/** Start-up from the checkpoint, step for step as createAppServices, then a Z report; returns the paid count. */
export async function startFromCheckpoint(dir: string): Promise<StartupRun> {
  const started = performance.now();
  const { checkpoint, problem } = await readCheckpoint(dir);
  if (!checkpoint) throw new Error(`no usable checkpoint: ${problem}`);
  const opened = await openJournal(dir, { log: silent, resumeFrom: { anchor: checkpoint.anchor, index: checkpoint.index } });
  if (!opened.resumed) throw new Error('the journal did not accept the checkpoint');
  const read = performance.now();
  const restored = restoreFromCheckpoint(checkpoint, opened.journal);
  const checkout = checkoutOver(opened.journal);
  const resumed = await checkout.resume(opened.records, restored.sales);
  if (resumed.problems.length > 0) throw new Error(`replay problems: ${resumed.problems.slice(0, 3).join('; ')}`);
  const ledger = extendLedger(restored.ledger, opened.records);
  const decision = nextZ([], ledger.entries, { seq: ledger.lastSeq, at: ledger.lastAt ?? '' });
  if (!decision.ok) throw new Error(`no Z report: ${decision.reason}`);
  const report = buildReport(ledger.entries, { kind: 'z', number: decision.number, period: decision.period });
  const done = performance.now();
  await checkout.stop();
  await opened.journal.close();
  const paid =
    report.training.currencies.reduce((n, c) => n + c.sales.count, 0) + report.real.currencies.reduce((n, c) => n + c.sales.count, 0);
  return { paid, linesAfter: opened.records.length, readMs: read - started, resumeMs: done - started };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: journal-startup.ts <data dir>');
  process.stdout.write(`${JSON.stringify(await startFromCheckpoint(dir))}\n`);
}
