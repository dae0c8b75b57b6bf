import { join } from 'node:path';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { ControlUnitQueue, CONTROL_UNIT_FILE, type QueuedReceipt } from '../../../../electron/services/control-unit/queue';
import {
  CONTROL_UNIT_REQUEST_TYPE,
  CONTROL_UNIT_SIGNED_TYPE,
  RECEIPT_HANDED_OVER_TYPE,
} from '../../../../electron/services/control-unit/records';
import { SimulatedControlUnit, simulatedControlCode } from '../../../../electron/services/control-unit/simulated';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import { controlUnitRequest } from '../../../../shared/domain/fiscal';
import { sampleReceipt } from '../../../support/receipts';
import { recordingLogger, useTempDir } from '../journal/helpers';

const tmp = useTempDir();
const open: { journal: Journal; queue: ControlUnitQueue }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.queue.close();
    await o.journal.close();
  }
});

const request = (number: number, copy = false) => {
  const receipt = sampleReceipt({ copy });
  return controlUnitRequest(
    { ...receipt, receipt: { ...receipt.receipt, number } },
    { organisationNumber: '556036-0793', tillDesignation: 'Kassa 1' },
  );
};

async function start(unit: SimulatedControlUnit) {
  const opened = await openJournal(tmp.dir, { log: recordingLogger() });
  const signed: (QueuedReceipt & { waited: boolean })[] = [];
  const waiting: QueuedReceipt[] = [];
  const outagesOver: number[] = [];
  const queue = await ControlUnitQueue.open(
    {
      file: join(tmp.dir, CONTROL_UNIT_FILE),
      journal: opened.journal,
      unit: () => unit,
      log: recordingLogger(),
      // Long enough that only retryNow() tries again inside a test.
      retry: { firstMs: 60_000, maxMs: 60_000 },
      onSigned: (e) => signed.push(e),
      onWaiting: (e) => waiting.push(e),
      onAllSigned: () => outagesOver.push(signed.length),
    },
    opened.records,
  );
  open.push({ journal: opened.journal, queue });
  return { journal: opened.journal, queue, signed, waiting, outagesOver };
}

async function stop() {
  const o = open.pop()!;
  await o.queue.close();
  await o.journal.close();
}

const journalTypes = async (journal: Journal) => (await journal.readAll()).map((r) => r.type);

describe('the control unit queue', () => {
  it('journals the request before it is sent and the answer before anyone hears of it, and the code is the unit’s', async () => {
    const unit = new SimulatedControlUnit('SIM-SE-TEST01', 'key');
    const { journal, queue, signed } = await start(unit);
    const r = request(1);
    await expect(queue.submit('sale-1', 'simulated', r)).resolves.toBe('signed');
    expect(await journalTypes(journal)).toEqual([CONTROL_UNIT_REQUEST_TYPE, CONTROL_UNIT_SIGNED_TYPE]);
    expect(queue.signature(r.key)).toEqual({ serial: 'SIM-SE-TEST01', code: simulatedControlCode('key', r), training: true });
    expect(signed.map((s) => [s.key, s.waited])).toEqual([[r.key, false]]);
  });

  it('signs a receipt once however often it is submitted', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { journal, queue } = await start(unit);
    const r = request(1);
    await Promise.all([queue.submit('sale-1', 'simulated', r), queue.submit('sale-1', 'simulated', r)]);
    await queue.submit('sale-1', 'simulated', r);
    expect(unit.signed).toBe(1);
    expect(await journalTypes(journal)).toEqual([CONTROL_UNIT_REQUEST_TYPE, CONTROL_UNIT_SIGNED_TYPE]);
  });

  it('a fresh request (a copy) is sent once: of two at once one is signed, the other answers that it exists', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { journal, queue } = await start(unit);
    const r = request(1);
    const answers = await Promise.all([
      queue.submit('sale-1', 'simulated', r, { fresh: true }),
      queue.submit('sale-1', 'simulated', r, { fresh: true }),
    ]);
    expect(answers).toEqual(['signed', 'exists']);
    await expect(queue.submit('sale-1', 'simulated', r, { fresh: true })).resolves.toBe('exists');
    expect(unit.signed).toBe(1);
    expect(await journalTypes(journal)).toEqual([CONTROL_UNIT_REQUEST_TYPE, CONTROL_UNIT_SIGNED_TYPE]);
  });

  it('while the unit is unreachable the receipt waits (the clerk is told once), and is signed once when it returns, in order', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { journal, queue, waiting, signed } = await start(unit);
    unit.setReachable(false);
    await expect(queue.submit('sale-1', 'simulated', request(1))).resolves.toBe('waiting');
    await expect(queue.submit('sale-2', 'simulated', request(2))).resolves.toBe('waiting');
    await queue.retryNow();
    expect(waiting.map((w) => w.request.receiptNumber)).toEqual([1, 2]);
    expect(queue.pendingKeys()).toHaveLength(2);
    expect(await journalTypes(journal)).toEqual([CONTROL_UNIT_REQUEST_TYPE, CONTROL_UNIT_REQUEST_TYPE]);

    unit.setReachable(true);
    await queue.retryNow();
    expect(signed.map((s) => s.request.receiptNumber)).toEqual([1, 2]);
    // Both waited, so whoever asked for them was told so and given nothing: they print now.
    expect(signed.map((s) => s.waited)).toEqual([true, true]);
    expect(unit.signed).toBe(2);
    expect(queue.pendingKeys()).toEqual([]);
    await queue.retryNow();
    expect(unit.signed).toBe(2);
  });

  it('says the outage is over once every receipt told of is signed, not before, and again after the next outage', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { queue, waiting, outagesOver } = await start(unit);
    // Signed at once: there was no outage to end.
    await queue.submit('sale-0', 'simulated', request(10));
    expect(outagesOver).toEqual([]);

    unit.setReachable(false);
    await queue.submit('sale-1', 'simulated', request(11));
    await queue.submit('sale-2', 'simulated', request(12));
    expect(waiting).toHaveLength(2);
    unit.setReachable(true);
    // A new receipt signed at once while two still wait: the outage is not over yet.
    await expect(queue.submit('sale-3', 'simulated', request(13))).resolves.toBe('signed');
    expect(outagesOver).toEqual([]);
    await queue.retryNow();
    expect(queue.pendingKeys()).toEqual([]);
    // Once, when the last waiting receipt was signed (four signatures by then).
    expect(outagesOver).toEqual([4]);
    await queue.retryNow();
    expect(outagesOver).toEqual([4]);

    // The unit fails again: the clerk is told again, and told again when it is over.
    unit.setReachable(false);
    await queue.submit('sale-4', 'simulated', request(14));
    expect(waiting.map((w) => w.request.receiptNumber)).toEqual([11, 12, 14]);
    unit.setReachable(true);
    await queue.retryNow();
    expect(outagesOver).toEqual([4, 5]);
  });

  it('marks an original handed over once in the journal, takes the mark back when asked, and keeps it across a restart without rewriting the file per mark', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { queue, journal } = await start(unit);
    const file = join(tmp.dir, CONTROL_UNIT_FILE);
    await queue.submit('sale-1', 'simulated', request(1));
    const fileBefore = await readFile(file, 'utf8');
    await expect(queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(true);
    await expect(queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(false);
    await queue.markIssued('sale-1', 'real:1:original', false);
    await expect(queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(true);
    // On record (fsynced) before it answers; the file is not rewritten for a mark.
    const marks = (await journal.readAll()).filter((r) => r.type === RECEIPT_HANDED_OVER_TYPE);
    expect(marks.map((r) => [r.saleId, (r.data as { handedOver: boolean }).handedOver])).toEqual([
      ['sale-1', true],
      ['sale-1', false],
      ['sale-1', true],
    ]);
    expect(await readFile(file, 'utf8')).toBe(fileBefore);
    // The sale replay passes over the marks.
    expect(replaySales(await journal.readAll()).problems).toEqual([]);
    await stop();

    // The file as it was before the marks (rolled back): the journal's marks are applied over it.
    const again = await start(unit);
    await expect(again.queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8')).issued).toEqual(['real:1:original']);
    await stop();
    // The file lost: rebuilt from the journal, the original is still handed over.
    await rm(file);
    const rebuilt = await start(unit);
    await expect(rebuilt.queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(false);
    expect(rebuilt.queue.signature('real:1:original')).not.toBeNull();
  });

  it('with a checkpoint, a file lost or older than it is rebuilt from the whole journal; one brought up to it is not', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const first = await start(unit);
    const file = join(tmp.dir, CONTROL_UNIT_FILE);
    await first.queue.submit('sale-1', 'simulated', request(1));
    const beforeMark = await readFile(file, 'utf8');
    await first.queue.markIssued('sale-1', 'real:1:original', true);
    // Other records after the mark; then a checkpoint at the journal's end.
    await first.journal.append({ type: 'sale-created', saleId: 'sale-2', data: {}, at: new Date().toISOString() });
    const checkpointSeq = (await first.journal.readAll()).at(-1)!.seq;
    await stop();

    let reads = 0;
    const fromCheckpoint = async (usedBefore = true) => {
      const opened = await openJournal(tmp.dir, { log: recordingLogger() });
      const queue = await ControlUnitQueue.open(
        {
          file,
          journal: opened.journal,
          unit: () => unit,
          log: recordingLogger(),
          retry: { firstMs: 60_000, maxMs: 60_000 },
          startRecordsAfter: checkpointSeq,
          usedBefore,
          replayJournal: (onRecord) => {
            reads += 1;
            return opened.journal.replay(onRecord);
          },
        },
        // Only the records after the checkpoint are read at start: none.
        opened.records.filter((r) => r.seq > checkpointSeq),
      );
      open.push({ journal: opened.journal, queue });
      return queue;
    };
    // Rolled back to before the mark (and the checkpoint): the mark comes back from the journal.
    await writeFile(file, beforeMark);
    let queue = await fromCheckpoint();
    expect(reads).toBe(1);
    await expect(queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(false);
    await stop();
    // Lost: the same, the signed receipt too.
    await rm(file);
    queue = await fromCheckpoint();
    expect(reads).toBe(2);
    expect(queue.signature('real:1:original')).not.toBeNull();
    await expect(queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(false);
    // Brought up to the checkpoint before it is written (it says the unit is used): the next start reads only the file.
    await expect(queue.reflectThrough(checkpointSeq)).resolves.toBe(true);
    await stop();
    queue = await fromCheckpoint();
    expect(reads).toBe(2);
    await expect(queue.markIssued('sale-1', 'real:1:original', true)).resolves.toBe(false);
    await stop();
    // A checkpoint that says the unit held nothing: a missing file is not rebuilt, the journal not read.
    await rm(file);
    queue = await fromCheckpoint(false);
    expect(reads).toBe(2);
  });

  it('a till whose unit holds nothing (never Swedish) writes no file at a checkpoint, and says so', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { journal, queue } = await start(unit);
    await journal.append({ type: 'sale-created', saleId: 'sale-1', data: {}, at: new Date().toISOString() });
    await expect(queue.reflectThrough(1)).resolves.toBe(false);
    await expect(readFile(join(tmp.dir, CONTROL_UNIT_FILE), 'utf8')).rejects.toThrow(/ENOENT/);
    // Once the Swedish till is on, the file follows every checkpoint.
    await queue.startFrom(1);
    await journal.append({ type: 'sale-created', saleId: 'sale-2', data: {}, at: new Date().toISOString() });
    await expect(queue.reflectThrough(2)).resolves.toBe(true);
    expect(JSON.parse(await readFile(join(tmp.dir, CONTROL_UNIT_FILE), 'utf8'))).toMatchObject({ fromSeq: 1, throughSeq: 2 });
  });

  it('a receipt waiting when the till stops is signed after the restart, once, and the answer survives another restart', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    unit.setReachable(false);
    const first = await start(unit);
    const r = request(5);
    await first.queue.submit('sale-5', 'simulated', r);
    await stop();

    unit.setReachable(true);
    const second = await start(unit);
    expect(second.queue.pendingKeys()).toEqual([r.key]);
    await second.queue.retryNow();
    expect(second.queue.signature(r.key)?.code).toBe(simulatedControlCode('key', r));
    // It waited before the restart: said so after it, though this run never saw it wait.
    expect(second.signed.map((s) => [s.request.receiptNumber, s.waited])).toEqual([[5, true]]);
    await stop();

    const third = await start(unit);
    expect(third.queue.pendingKeys()).toEqual([]);
    expect(third.queue.signature(r.key)?.serial).toBe('SIM');
    await third.queue.submit('sale-5', 'simulated', r);
    expect(unit.signed).toBe(1);
    const types = await journalTypes(third.journal);
    expect(types.filter((t) => t === CONTROL_UNIT_SIGNED_TYPE)).toHaveLength(1);
  });

  it('rebuilds from the journal when its file is lost (a crash between the journal and the file)', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const first = await start(unit);
    const r = request(9);
    await first.queue.submit('sale-9', 'simulated', r);
    await stop();
    await rm(join(tmp.dir, CONTROL_UNIT_FILE));

    const second = await start(unit);
    expect(second.queue.signature(r.key)?.code).toBe(simulatedControlCode('key', r));
    expect(JSON.parse(await readFile(join(tmp.dir, CONTROL_UNIT_FILE), 'utf8'))).toMatchObject({
      v: 1,
      signed: { [r.key]: { serial: 'SIM' } },
    });
  });

  it('its records change no sale: the sale replay passes over them', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { journal, queue } = await start(unit);
    await queue.submit('sale-1', 'simulated', request(1));
    const replay = replaySales(await journal.readAll());
    expect(replay.problems).toEqual([]);
    expect(replay.sales.size).toBe(0);
  });

  it('an original and its copy are two receipts to the unit, each signed once', async () => {
    const unit = new SimulatedControlUnit('SIM', 'key');
    const { queue } = await start(unit);
    const original = request(3);
    const copy = request(3, true);
    expect(copy.key).not.toBe(original.key);
    expect(copy.kind).toBe('copy');
    await queue.submit('sale-3', 'simulated', original);
    await queue.submit('sale-3', 'simulated', copy);
    expect(queue.signature(copy.key)?.code).not.toBe(queue.signature(original.key)?.code);
    expect(unit.signed).toBe(2);
  });
});
