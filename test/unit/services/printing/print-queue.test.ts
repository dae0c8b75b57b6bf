import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../../electron/services/printing/escpos';
import { PrintQueue, type CopyOptions, type PrintDocument, type PrintQueueState } from '../../../../electron/services/printing/print-queue';
import { recordingLogger } from '../journal/helpers';
import { FakeEscPosPrinter } from '../../../support/fake-printer';
import { sampleReceipt } from '../../../support/receipts';

const log = recordingLogger();

let printer: FakeEscPosPrinter;
let dir: string;
let queues: PrintQueue[];

beforeEach(async () => {
  printer = await FakeEscPosPrinter.start();
  dir = mkdtempSync(join(tmpdir(), 'linkpos-print-queue-'));
  queues = [];
});

afterEach(async () => {
  for (const queue of queues) queue.close();
  await printer.close();
});

/** Receipt bytes as the back office makes them: the sale id as the shop's name, COPY when asked. */
function render(document: PrintDocument): Promise<Uint8Array> {
  if (document.kind === 'z-report') {
    // A Z report's stand-in: its number as the shop's name, COPY when it is one.
    const slip = sampleReceipt({ copy: document.copy === true });
    return Promise.resolve(
      encodeReceipt({ ...slip, shop: { ...slip.shop, name: `Z${document.number}` } }, { columns: 42, language: 'en' }),
    );
  }
  if (document.kind !== 'receipt') return Promise.reject(new Error('receipts only'));
  if (document.saleId === 'gone') return Promise.reject(new Error('no such sale'));
  const receipt = sampleReceipt({ copy: document.copy });
  return Promise.resolve(encodeReceipt({ ...receipt, shop: { ...receipt.shop, name: document.saleId } }, { columns: 42, language: 'en' }));
}

async function openQueue(options: { states?: PrintQueueState[]; port?: number } = {}): Promise<PrintQueue> {
  const queue = await PrintQueue.open({
    file: join(dir, 'print-queue.json'),
    printer: () => ({ host: '127.0.0.1', port: options.port ?? printer.port }),
    render,
    log,
    now: () => new Date('2026-12-06T10:00:00Z'),
    onChange: (state) => options.states?.push(state),
    retryMs: 10,
    ackPollMs: 20,
    ackTimeoutMs: 2000,
    timeouts: { connectMs: 1000, answerMs: 1000 },
  });
  queues.push(queue);
  return queue;
}

const receipt = (saleId: string, copy = false): PrintDocument => ({ kind: 'receipt', saleId, copy });
const shopNames = () => printer.cutSlips().map((slip) => slip.find((l) => l.trim() !== '')!.trim());
const queuedFile = () => JSON.parse(readFileSync(join(dir, 'print-queue.json'), 'utf8')).jobs as unknown[];

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('PrintQueue', () => {
  it('prints a receipt once, cut, and leaves the queue empty', async () => {
    const queue = await openQueue();
    const answer = await queue.enqueue(receipt('sale-a'));
    expect(answer.queued).toBe(1);
    await until(() => queue.state().queued === 0);
    expect(shopNames()).toEqual(['sale-a']);
    expect(printer.decoded().cuts).toBe(1);
    await queue.idle();
    expect(queuedFile()).toEqual([]);
  });

  it('keeps a receipt queued while the paper is out, says so, and prints it when the paper is back', async () => {
    printer.setPaperOut(true);
    const states: PrintQueueState[] = [];
    const queue = await openQueue({ states });
    await queue.enqueue(receipt('sale-a'));
    await until(() => states.some((s) => s.status.condition === 'paper-out'));
    expect(printer.printed).toEqual([]);
    expect(queuedFile()).toHaveLength(1);
    printer.setPaperOut(false);
    await until(() => queue.state().queued === 0);
    expect(shopNames()).toEqual(['sale-a']);
    expect(queue.state().status.condition).toBe('ready');
  });

  it('queues for a printer that is switched off and prints in order when it is back', async () => {
    printer.setOffline(true);
    const states: PrintQueueState[] = [];
    const queue = await openQueue({ states });
    await queue.enqueue(receipt('sale-a'));
    await queue.enqueue(receipt('sale-b'));
    await until(() => states.some((s) => s.status.condition === 'unreachable'));
    printer.setOffline(false);
    await until(() => queue.state().queued === 0);
    expect(shopNames()).toEqual(['sale-a', 'sale-b']);
  });

  it('does not queue the same receipt twice while it waits (Print pressed again)', async () => {
    printer.setCoverOpen(true);
    const queue = await openQueue();
    const first = await queue.enqueue(receipt('sale-a'));
    const again = await queue.enqueue(receipt('sale-a'));
    expect(again.jobId).toBe(first.jobId);
    expect(again.queued).toBe(1);
    printer.setCoverOpen(false);
    await until(() => queue.state().queued === 0);
    expect(shopNames()).toEqual(['sale-a']);
  });

  it('finishes a receipt the printer ran out of paper in the middle of, without sending it again', async () => {
    printer.paperOutAfter(200);
    const states: PrintQueueState[] = [];
    const queue = await openQueue({ states });
    await queue.enqueue(receipt('sale-a'));
    await until(() => states.some((s) => s.status.condition === 'paper-out'));
    expect(printer.decoded().cuts).toBe(0);
    printer.setPaperOut(false);
    await until(() => queue.state().queued === 0);
    expect(shopNames()).toEqual(['sale-a']);
    expect(printer.decoded().cuts).toBe(1);
    expect(printer.connections).toBe(1);
  });

  it('prints a receipt cut off by a power failure again, whole and marked COPY, and the next one after it', async () => {
    printer.powerCutAfter(300);
    const queue = await openQueue();
    await queue.enqueue(receipt('sale-a'));
    await queue.enqueue(receipt('sale-b'));
    await until(() => queue.state().queued === 0);
    const slips = printer.cutSlips();
    expect(slips).toHaveLength(2);
    // The broken start of the first attempt (never cut) runs into the reprint, which says COPY.
    expect(slips[0]!.map((l) => l.trim())).toContain('COPY');
    expect(slips[0]!.filter((l) => l.trim() === 'sale-a').length).toBe(2);
    expect(slips[1]!.map((l) => l.trim())).toEqual(expect.arrayContaining(['sale-b']));
    expect(slips[1]!.map((l) => l.trim())).not.toContain('COPY');
  });

  it('after a crash while sending, prints the job again as a COPY, never as a second original', async () => {
    writeFileSync(
      join(dir, 'print-queue.json'),
      JSON.stringify({
        version: 1,
        jobs: [{ id: 'j1', document: receipt('sale-a'), queuedAt: '2026-12-06T09:59:00Z', sending: true, unconfirmed: false }],
      }),
    );
    const queue = await openQueue();
    await until(() => queue.state().queued === 0);
    expect(printer.cutSlips()).toHaveLength(1);
    expect(printer.cutSlips()[0]!.map((l) => l.trim())).toContain('COPY');
  });

  it('keeps a queue file it cannot read aside and starts empty', async () => {
    writeFileSync(join(dir, 'print-queue.json'), '{ not json');
    const queue = await openQueue();
    expect(queue.state().queued).toBe(0);
  });

  it('drops a job whose document cannot be made, and prints the next', async () => {
    const dropped: string[] = [];
    const queue = await PrintQueue.open({
      file: join(dir, 'print-queue.json'),
      printer: () => ({ host: '127.0.0.1', port: printer.port }),
      render,
      log,
      now: () => new Date(),
      onDropped: (job) => dropped.push(job.id),
      retryMs: 10,
    });
    queues.push(queue);
    await queue.enqueue(receipt('gone'));
    await queue.enqueue(receipt('sale-b'));
    await until(() => queue.state().queued === 0);
    expect(dropped).toHaveLength(1);
    expect(shopNames()).toEqual(['sale-b']);
  });

  describe('an original it may have printed is reprinted as a copy made like every other copy', () => {
    const crashedWhileSending = (document: PrintDocument) =>
      writeFileSync(
        join(dir, 'print-queue.json'),
        JSON.stringify({ version: 1, jobs: [{ id: 'j1', document, queuedAt: '2026-12-06T09:59:00Z', sending: true, unconfirmed: false }] }),
      );
    const openWith = async (
      makeCopy: (document: PrintDocument, options: CopyOptions) => Promise<boolean | void>,
      dropped: unknown[] = [],
    ) => {
      const queue = await PrintQueue.open({
        file: join(dir, 'print-queue.json'),
        printer: () => ({ host: '127.0.0.1', port: printer.port }),
        render,
        makeCopy,
        log,
        now: () => new Date(),
        onDropped: (_job, error) => dropped.push(error),
        retryMs: 10,
        ackPollMs: 20,
        timeouts: { connectMs: 1000, answerMs: 1000 },
      });
      queues.push(queue);
      return queue;
    };

    it('makes the copy once (the job is a copy job from then on) and prints it marked COPY', async () => {
      crashedWhileSending({ kind: 'receipt', saleId: 'sale-a', copy: false, refund: 2 });
      const made: PrintDocument[] = [];
      // The first delivery of the copy breaks off too: printed again, as the same copy, not made again.
      printer.powerCutAfter(300);
      const queue = await openWith((document) => {
        made.push(document);
        return Promise.resolve();
      });
      await until(() => queue.state().queued === 0);
      expect(made).toEqual([{ kind: 'receipt', saleId: 'sale-a', copy: false, refund: 2 }]);
      const slips = printer.cutSlips();
      expect(slips).toHaveLength(1);
      expect(slips[0]!.map((l) => l.trim())).toContain('COPY');
    });

    it('puts the intent to make the copy on disk before making it: a stop while it is made is finished at the next start, printed once', async () => {
      crashedWhileSending(receipt('sale-a'));
      const asked: CopyOptions[] = [];
      // The till stops while the copy is being made: the first makeCopy never answers.
      const first = await openWith((_document, options) => {
        asked.push(options);
        return new Promise<void>(() => undefined);
      });
      await until(() => asked.length === 1);
      first.close();
      const onDisk = JSON.parse(readFileSync(join(dir, 'print-queue.json'), 'utf8')) as { jobs: unknown[] };
      expect(onDisk.jobs).toMatchObject([{ id: 'j1', document: { saleId: 'sale-a', copy: false }, copyRequested: true }]);
      expect(printer.cutSlips()).toEqual([]);
      // Started again on the same file: the copy is finished (`resume`: one made for this job is its own) and printed once.
      const made: PrintDocument[] = [];
      const second = await openWith((document, options) => {
        asked.push(options);
        made.push(document);
        return Promise.resolve();
      });
      await until(() => second.state().queued === 0);
      expect(asked).toEqual([{ resume: false }, { resume: true }]);
      expect(made).toEqual([receipt('sale-a')]);
      expect(printer.cutSlips()).toHaveLength(1);
      expect(printer.cutSlips()[0]!.map((l) => l.trim())).toContain('COPY');
      await second.idle();
      expect(JSON.parse(readFileSync(join(dir, 'print-queue.json'), 'utf8'))).toEqual({ version: 1, jobs: [] });
    });

    it('a clerk’s copy is on disk with its intent before the copy is made; a refused copy leaves nothing queued', async () => {
      let release: (() => void) | null = null;
      const queue = await openWith(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      );
      const queued = queue.enqueueCopy({ kind: 'receipt', saleId: 'sale-a', copy: true });
      // The copy is being made: its job is on disk already, with its intent, and nothing printed.
      await until(() => release !== null);
      expect(existsSync(join(dir, 'print-queue.json')) && readFileSync(join(dir, 'print-queue.json'), 'utf8')).toContain(
        '"copyRequested":true',
      );
      expect(printer.cutSlips()).toEqual([]);
      (release as unknown as () => void)();
      await queued;
      await until(() => queue.state().queued === 0);
      expect(printer.cutSlips()).toHaveLength(1);
      queue.close();
      await queue.idle();
      const refusing = await openWith(() => Promise.reject(new Error('one copy only')));
      await expect(refusing.enqueueCopy({ kind: 'receipt', saleId: 'sale-b', copy: true })).rejects.toThrow(/one copy/);
      expect(refusing.state().queued).toBe(0);
      expect(printer.cutSlips()).toHaveLength(1);
    });

    it('a clerk’s copy whose job could not be saved is not queued: the clerk is told, and it never prints later', async () => {
      const made: PrintDocument[] = [];
      const queue = await openWith((document) => {
        made.push(document);
        return Promise.resolve();
      });
      // The queue file cannot be written (a directory stands where it goes).
      mkdirSync(join(dir, 'print-queue.json'));
      await expect(queue.enqueueCopy({ kind: 'receipt', saleId: 'sale-a', copy: true })).rejects.toThrow();
      expect(queue.state().queued).toBe(0);
      rmSync(join(dir, 'print-queue.json'), { recursive: true });
      await queue.enqueue(receipt('sale-b'));
      await until(() => queue.state().queued === 0);
      expect(made).toEqual([]);
      expect(shopNames()).toEqual(['sale-b']);
    });

    it('a job whose copy is still to be made is no duplicate: the same copy asked for now is queued on its own', async () => {
      // Left by a stop while the unit was signing the clerk's copy; the copy is refused to that job
      // (it waited: whoever prints it once signed queues it), and the copy printed from `onSigned` comes through.
      writeFileSync(
        join(dir, 'print-queue.json'),
        JSON.stringify({
          version: 1,
          jobs: [
            {
              id: 'j1',
              document: receipt('sale-a', true),
              queuedAt: '2026-12-06T09:59:00Z',
              sending: false,
              unconfirmed: false,
              copyRequested: true,
            },
          ],
        }),
      );
      let release: (() => void) | null = null;
      const dropped: unknown[] = [];
      const queue = await openWith(
        () =>
          new Promise<void>((_resolve, reject) => {
            release = () => reject(new Error('waiting for the control unit'));
          }),
        dropped,
      );
      await until(() => release !== null);
      const answer = await queue.enqueue(receipt('sale-a', true));
      expect(answer.jobId).not.toBe('j1');
      expect(answer.queued).toBe(2);
      (release as unknown as () => void)();
      await until(() => queue.state().queued === 0);
      expect(dropped).toHaveLength(1);
      expect(printer.cutSlips()).toHaveLength(1);
      expect(printer.cutSlips()[0]!.map((l) => l.trim())).toContain('COPY');
    });

    it('a copy job that broke off is printed again as that copy, without making another', async () => {
      crashedWhileSending(receipt('sale-a', true));
      const made: PrintDocument[] = [];
      const queue = await openWith((document) => {
        made.push(document);
        return Promise.resolve();
      });
      await until(() => queue.state().queued === 0);
      expect(made).toEqual([]);
      expect(printer.cutSlips()[0]!.map((l) => l.trim())).toContain('COPY');
    });

    it('a Z report printed again on its own asks whether the reprint is a copy: a Swedish till’s is (KOPIA), another till’s is not', async () => {
      for (const [number, swedish] of [
        [7, true],
        [8, false],
      ] as const) {
        crashedWhileSending({ kind: 'z-report', number });
        const asked: PrintDocument[] = [];
        const queue = await openWith((document) => {
          asked.push(document);
          return Promise.resolve(swedish);
        });
        await until(() => queue.state().queued === 0);
        queue.close();
        await queue.idle(); // its last save is on disk before the next file is written
        expect(asked).toEqual([{ kind: 'z-report', number }]);
        const slip = printer
          .cutSlips()
          .at(-1)!
          .map((l) => l.trim());
        expect(slip).toContain(`Z${number}`);
        expect(slip.includes('COPY')).toBe(swedish);
      }
    });

    it('drops the job, printing nothing, when no copy may be made (the one copy exists), and says why', async () => {
      crashedWhileSending(receipt('sale-a'));
      const dropped: unknown[] = [];
      const refusal = new Error('This receipt already has its one copy.');
      const queue = await openWith(() => Promise.reject(refusal), dropped);
      await queue.enqueue(receipt('sale-b'));
      await until(() => queue.state().queued === 0);
      expect(dropped).toEqual([refusal]);
      expect(shopNames()).toEqual(['sale-b']);
    });
  });
});
