/**
 * Journal — how measured, with the real Journal in a temporary directory on the same disk as the
 * data directory (not tmpfs, so fsync really waits for the disk):
 * - Append: `appends` records appended one after another, each timed from the call to its promise
 *   resolving (line written and fsynced). The record is a real "sale-created" record. Then the same
 *   with the sealer following the journal as in the app (electron/services/seal/sealer.ts): a seal
 *   every 100 records, signed in the background; a sale's append may wait behind a seal's fsync.
 * - Replay: a journal of `sales` paid sales (three records each: sale-created, link-created,
 *   status-observed paid) is built from the records of one real sale (charged and paid through
 *   CheckoutService, the Ecster client and the sandbox), re-numbered and re-chained with the real
 *   encoder. Replay is timed as the app does it at start-up: openJournal (read, checksum and chain
 *   of every line) plus replaySales (the state machine over every record). Median of `repeats`.
 * - Replay plus Z report: the replay above, then the Z report as the back office computes it
 *   (electron/services/reports/back-office.ts): the ledger over every record (buildLedger), the Z
 *   decision (nextZ) and the aggregation (buildReport) over all 100 000 sales. Saving the Z file
 *   (one small atomic write) is left out. Median of `repeats`; open, replay and Z also split out,
 *   and the process CPU time is kept in the JSON: on a shared machine it moves less than wall time.
 * - Start-up as the app does it (the figures with targets): from the checkpoint written at the
 *   last shutdown (electron/services/startup/checkpoint-store.ts), exactly the steps of
 *   createAppServices: read and check the checkpoint, open the journal from its anchor, the real
 *   CheckoutService.resume over the restored sales, the ledger restored and extended, then the Z
 *   report over all 100 000 sales. Once with the checkpoint at the last record (a clean shutdown)
 *   and once with it 1 000 sales behind (a crash after a day's trading). The reading of every line
 *   above is kept as "without a checkpoint" (the first start after an upgrade, or a damaged
 *   checkpoint), without a target. The background check of the lines before the anchor runs after
 *   start-up and is not in these figures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCustomItem, emptyCart } from '../shared/domain/cart';
import { makeOrderReference } from '../shared/domain/order-reference';
import { JOURNAL_FILE, openJournal, type JournalRecord } from '../electron/services/journal/journal';
import { encodeRecord, GENESIS_HASH } from '../electron/services/journal/record';
import { providers, sandboxRoutes } from '../electron/services/providers/registry';
import { startSandbox } from '../electron/services/sandbox/server';
import { replaySales } from '../electron/services/sales/sale-machine';
import { buildLedger, snapshotLedger } from '../electron/services/receipts/ledger';
import { writeCheckpoint } from '../electron/services/startup/checkpoint-store';
import { summarize as summarizeSale } from '../electron/services/sales/sale-table';
import { appendFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import type { StartupRun } from './journal-startup';
import { buildReport, nextZ } from '../shared/domain/report';
import { demoCheckout, silent } from './lib/demo-checkout';
import type { BenchResult } from './lib/figure';
import { medianMs, round1 } from './lib/figure';
import { percentile, summarize } from './lib/stats';
import { Sealer } from '../electron/services/seal/sealer';

/** A till key as the app makes one (seal/till-key.ts), without the vault: the bench keeps nothing. */
function benchKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

/** The records of one real paid sale, from the product's own checkout. */
async function realPaidSale(): Promise<JournalRecord[]> {
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    routes: sandboxRoutes(providers, { ecster: providers.ecster.demoCredentials, straumur: { apiKey: 'unused-straumur-key' } }),
  });
  const dir = await mkdtemp(join(tmpdir(), 'linkpos-bench-template-'));
  const { journal, records } = await openJournal(dir, { log: silent });
  const service = demoCheckout({ journal, sandbox, tillId: 'BNCH', poller: { fastIntervalMs: 20 } });
  try {
    await service.resume(records);
    let cart = emptyCart('SEK');
    for (const [name, priceMinor] of [
      ['Kaffe', 2_500],
      ['Bulle', 3_200],
      ['Tidning', 3_500],
    ] as const)
      cart = addCustomItem(cart, { name, priceMinor, vatRate: 1200 });
    const sale = await service.charge(cart);
    await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${sale.link!.reference}/pay`, { method: 'POST' });
    for (let i = 0; i < 500 && service.get(sale.id).state !== 'paid'; i++) await new Promise((r) => setTimeout(r, 10));
    const all = await journal.readAll();
    if (!all.some((r) => r.type === 'status-observed')) throw new Error('the template sale was never paid');
    return all;
  } finally {
    await service.stop();
    await journal.close();
    await rm(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}

/** What the app's shutdown writes: the checkpoint at the journal's last record. */
async function writeShutdownCheckpoint(dir: string): Promise<void> {
  const opened = await openJournal(dir, { log: silent });
  const replayed = replaySales(opened.records);
  const ledger = buildLedger(opened.records);
  const maxNumber = replayed.maxNumber;
  await writeCheckpoint(dir, {
    anchor: opened.journal.anchor()!,
    index: opened.journal.positions() as Map<string, number[]>,
    maxNumber,
    summaries: [...replayed.sales.values()].map(summarizeSale),
    problems: replayed.problems,
    ledger: snapshotLedger(ledger),
  });
  await opened.journal.close();
}

/** One start-up from the checkpoint in `dir`, in a fresh Node process, as a till starts. */
function startFromCheckpoint(dir: string): StartupRun {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'journal-startup.ts'), dir], {
    encoding: 'utf8',
    maxBuffer: 1_000_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as StartupRun;
}

/** `sales` copies of the template sale, re-numbered and re-chained, as journal text. */
function buildJournal(template: readonly JournalRecord[], sales: number): string {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  let seq = 0;
  const start = Date.parse('2026-01-01T08:00:00Z');
  for (let n = 1; n <= sales; n++) {
    const saleId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const orderReference = makeOrderReference({ tillId: 'BNCH', saleNumber: n, now: start });
    for (const [k, record] of template.entries()) {
      const data = record.type === 'sale-created' ? { ...(record.data as object), number: n, orderReference } : record.data;
      const at = new Date(start + n * 30_000 + k * 1_000).toISOString();
      const encoded = encodeRecord({ seq: ++seq, at, type: record.type, saleId, data, prev });
      lines.push(encoded.line);
      prev = encoded.hash;
    }
  }
  return lines.join('\n') + '\n';
}

export async function benchJournal(appends: number, sales: number, repeats: number): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'linkpos-bench-journal-'));
  try {
    const template = await realPaidSale();
    const created = template.find((r) => r.type === 'sale-created')!;

    const timeAppends = async (where: string, sealed: boolean): Promise<number[]> => {
      const { journal } = await openJournal(join(dir, where), { log: silent });
      const sealer = sealed ? new Sealer({ journal, key: benchKey(), tillId: 'bench-till', log: silent }) : null;
      sealer?.start(null, false);
      const ms: number[] = [];
      for (let i = 0; i < appends; i++) {
        const started = performance.now();
        await journal.append({ type: created.type, saleId: `sale-${i}`, data: created.data, at: new Date().toISOString() });
        ms.push(performance.now() - started);
      }
      await sealer?.close();
      await journal.close();
      return ms;
    };
    const appendMs = await timeAppends('append', false);
    const sealedAppendMs = await timeAppends('append-sealed', true);

    const replayDir = join(dir, 'replay');
    const text = buildJournal(template, sales);
    const { journal: init } = await openJournal(replayDir, { log: silent });
    await init.close();
    await writeFile(join(replayDir, JOURNAL_FILE), text);
    const openMs: number[] = [];
    const replayMs: number[] = [];
    const zMs: number[] = [];
    const zCpuMs: number[] = [];
    let replayed = 0;
    let zPaid = 0;
    for (let i = 0; i < repeats; i++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const opened = await openJournal(replayDir, { log: silent });
      const opening = performance.now();
      const result = replaySales(opened.records);
      const replayedAt = performance.now();
      const ledger = buildLedger(opened.records);
      const last = opened.records.at(-1)!;
      const decision = nextZ([], ledger.entries, { seq: last.seq, at: last.at });
      if (!decision.ok) throw new Error(`no Z report: ${decision.reason}`);
      const report = buildReport(ledger.entries, { kind: 'z', number: decision.number, period: decision.period });
      const done = performance.now();
      const used = process.cpuUsage(cpu);
      zCpuMs.push((used.user + used.system) / 1000);
      openMs.push(opening - started);
      replayMs.push(replayedAt - started);
      zMs.push(done - started);
      await opened.journal.close();
      if (opened.alarms.length > 0 || result.problems.length > 0)
        throw new Error(`the generated journal did not replay cleanly: ${[...opened.alarms, ...result.problems].slice(0, 3).join('; ')}`);
      replayed = [...result.sales.values()].filter((s) => s.state === 'paid').length;
      zPaid =
        report.training.currencies.reduce((n, c) => n + c.sales.count, 0) + report.real.currencies.reduce((n, c) => n + c.sales.count, 0);
    }
    if (replayed !== sales) throw new Error(`replay found ${replayed} paid sales, expected ${sales}`);
    if (zPaid !== sales) throw new Error(`the Z report counted ${zPaid} paid sales, expected ${sales}`);

    // From the checkpoint a clean shutdown leaves, and from one 1 000 sales behind, as after a crash
    // late in a busy day (those sales are read and replayed). Each run is a fresh process, as a
    // start-up is: none inherits this process's heap or warmed-up code.
    await writeShutdownCheckpoint(replayDir);
    const behind = Math.min(1_000, Math.floor(sales / 10));
    const crashDir = join(dir, 'crash');
    const lines = text.split('\n');
    const kept = lines.slice(0, (sales - behind) * template.length).join('\n') + '\n';
    const { journal: crashInit } = await openJournal(crashDir, { log: silent });
    await crashInit.close();
    await writeFile(join(crashDir, JOURNAL_FILE), kept);
    await writeShutdownCheckpoint(crashDir);
    await appendFile(join(crashDir, JOURNAL_FILE), text.slice(kept.length));
    const fromCheckpoint = [];
    const afterCrash = [];
    for (let i = 0; i < repeats; i++) {
      fromCheckpoint.push(startFromCheckpoint(replayDir));
      afterCrash.push(startFromCheckpoint(crashDir));
    }
    for (const run of [...fromCheckpoint, ...afterCrash])
      if (run.paid !== sales) throw new Error(`start-up from the checkpoint counted ${run.paid} paid sales, expected ${sales}`);
    if (afterCrash[0]!.linesAfter !== behind * template.length)
      throw new Error(`the crash start-up read ${afterCrash[0]!.linesAfter} lines, expected ${behind * template.length}`);

    return {
      figures: [
        {
          id: 'journal.append.p95',
          name: `Journal append with fsync, ${appends} appends: p95`,
          value: round1(percentile(appendMs, 95)),
          unit: 'ms',
          target: { op: '<=', value: 10 },
        },
        {
          id: 'journal.append.sealed.p95',
          name: `  the same with the journal sealed every 100 records: p95`,
          value: round1(percentile(sealedAppendMs, 95)),
          unit: 'ms',
          target: { op: '<=', value: 10 },
          baseline: round1(percentile(appendMs, 95)),
        },
        medianMs(
          'journal.replayZ',
          `Start-up replay plus Z report, ${sales.toLocaleString('en')} sales, from the shutdown checkpoint, median`,
          fromCheckpoint.map((r) => r.resumeMs),
          { op: '<=', value: 500 },
        ),
        medianMs(
          'journal.replayZ.crash',
          `  the same, checkpoint ${behind.toLocaleString('en')} sales behind (after a crash), median`,
          afterCrash.map((r) => r.resumeMs),
          { op: '<=', value: 500 },
        ),
        medianMs(
          'journal.replay',
          `  reading every line instead (no checkpoint): replay of ${sales * template.length} records, median`,
          replayMs,
        ),
        medianMs('journal.replayZ.full', '  and replay plus Z report without a checkpoint, median', zMs),
      ],
      details: {
        checkpointStart: {
          read: summarize(fromCheckpoint.map((r) => r.readMs)),
          replayZ: summarize(fromCheckpoint.map((r) => r.resumeMs)),
        },
        crashStart: {
          salesBehind: behind,
          read: summarize(afterCrash.map((r) => r.readMs)),
          replayZ: summarize(afterCrash.map((r) => r.resumeMs)),
        },
        appends,
        append: summarize(appendMs),
        sealedAppend: summarize(sealedAppendMs),
        sales,
        records: sales * template.length,
        journalBytes: Buffer.byteLength(text),
        open: summarize(openMs),
        openPlusReplay: summarize(replayMs),
        openReplayZ: summarize(zMs),
        openReplayZCpuMs: summarize(zCpuMs),
        zOnly: summarize(zMs.map((z, i) => z - replayMs[i]!)),
        repeats,
        journalDir: tmpdir(),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
