import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { moveAside, readTextIfExists, removeStaleTemps, writeFileAtomic } from '../catalog/atomic-file';
import type { Logger } from '../log';
import { defaultTimeouts, PrinterConnection, type ConnectionTimeouts, type PrinterAddress } from './connection';
import { PRINTED_ACK_REQUEST, type PrinterStatus } from './status';
import { printRaw } from './cups';

/** An operating-system printer in raw mode: its CUPS queue's name. */
export interface CupsQueue {
  cups: string;
}

/**
 * The durable queue in front of a network ESC/POS printer. A receipt is written to
 * `print-queue.json` (atomically) before the clerk is told it is queued, and leaves it only once
 * the printer has acknowledged printing it. So:
 *
 * - Printing never blocks the next sale: `enqueue` returns once the job is on disk; the printer is
 *   served in the background, one job at a time.
 * - Nothing is lost: a printer that is off, out of paper or open keeps its jobs queued; they print
 *   when it answers ready again (checked every `retryMs`, and at once on `wake`).
 * - Nothing is printed twice as an original: the printer's status is read before a job is sent
 *   (DLE EOT), and a job is sent only to a printer that is ready. Once a job's bytes may have
 *   reached the printer, it is marked `sending` on disk first; if the acknowledgement (GS r, which
 *   the printer answers only after printing what came before it) never comes because the
 *   connection broke — mid-receipt, or a crash of the app — the job is printed again as a COPY,
 *   as a reprint must be. A printer that runs out of paper mid-receipt keeps the rest of it in its
 *   buffer and finishes it when the roll is changed; the queue waits for that acknowledgement on
 *   the open connection rather than sending the receipt again.
 */

/**
 * What a job prints. A receipt with `refund` is that refund's receipt (credit note); reports are
 * named as the back office finds them again (an X report up to a journal record, a Z by number),
 * so a job made before a restart prints the same report after it.
 */
const documentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('receipt'),
    saleId: z.string().min(1).max(64),
    copy: z.boolean(),
    refund: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('x-report'), upToSeq: z.number().int().nonnegative() }),
  /** `copy`: a Swedish Z reprint, marked KOPIA (absent in jobs from before). */
  z.object({ kind: z.literal('z-report'), number: z.number().int().positive(), copy: z.boolean().optional() }),
  z.object({ kind: z.literal('test-page') }),
  /** A cash drawer kick, named by its `drawer-opened` journal record: never sent again once it may have reached the printer. */
  z.object({ kind: z.literal('drawer-kick'), seq: z.number().int().positive() }),
]);
export type PrintDocument = z.infer<typeof documentSchema>;

const jobSchema = z.object({
  id: z.string().min(1).max(64),
  document: documentSchema,
  queuedAt: z.string(),
  /** Its bytes are being sent: if the app stops now, whether it printed is unknown. */
  sending: z.boolean(),
  /** A delivery of it was not acknowledged: the next print of it is a copy. */
  unconfirmed: z.boolean(),
  /**
   * Its receipt's copy is to be made (or was being made) before it prints: the intent, on disk
   * before the copy is made, cleared once it is. A job left with it after a stop finishes the copy
   * (`makeCopy` with `resume`): the reprint is never lost and the copy never made twice. Absent in
   * jobs from before.
   */
  copyRequested: z.boolean().optional(),
});
export type PrintJob = z.infer<typeof jobSchema>;

const fileSchema = z.object({ version: z.literal(1), jobs: z.array(jobSchema) });

/**
 * `resume`: the job's intent to make its copy was on disk when the till stopped, so the copy may
 * exist already: one made for this job is accepted (and printed) rather than refused as a second.
 */
export interface CopyOptions {
  resume: boolean;
}

type ReceiptDocument = Extract<PrintDocument, { kind: 'receipt' }>;

export interface PrintQueueState {
  status: PrinterStatus;
  /** Jobs waiting or printing. */
  queued: number;
}

export interface PrintQueueDeps {
  file: string;
  /** The network printer now set, a CUPS queue in raw mode, or null when none is. */
  printer: () => PrinterAddress | CupsQueue | null;
  /** How a CUPS job is handed over (cups.ts's `printRaw`; a test may count calls). */
  printRaw?: (printer: string, bytes: Uint8Array) => Promise<string>;
  /** The job's bytes, made when it is sent (so a retry after an unconfirmed delivery says COPY). */
  render: (document: PrintDocument) => Promise<Uint8Array>;
  /**
   * An original receipt whose delivery was not acknowledged is printed again as a COPY: this makes
   * that copy first, the one way every copy is made (a Swedish till has the control unit sign it
   * as its one copy). Called once per job: the job is then a copy job, on disk. Throws when no copy
   * may be made: the job is dropped and `onDropped` says why. For a Z report it answers whether
   * the reprint is a copy (a Swedish till's, journaled as one and marked KOPIA).
   */
  makeCopy?: (document: Extract<PrintDocument, { kind: 'receipt' | 'z-report' }>, options: CopyOptions) => Promise<boolean | void>;
  log: Logger;
  now: () => Date;
  onChange?: (state: PrintQueueState) => void;
  /** A job its render refused (the sale is gone): dropped, and the clerk told. */
  onDropped?: (job: PrintJob, error: unknown) => void;
  retryMs?: number;
  /** How often the status is read while waiting for a printed acknowledgement. */
  ackPollMs?: number;
  /** How long a printer that says it is ready may take to acknowledge a job before it counts as lost. */
  ackTimeoutMs?: number;
  timeouts?: ConnectionTimeouts;
}

/** Field by field: a document is a few plain values. */
const sameDocument = (a: PrintDocument, b: PrintDocument) => {
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((key) => x[key] === y[key]);
};

export class PrintQueue {
  private jobs: PrintJob[] = [];
  private status: PrinterStatus = { condition: 'ready', paperNearEnd: false };
  private running: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private saving: Promise<void> = Promise.resolve();
  /** Copy jobs whose copy `enqueueCopy` is making now: the printer waits for it. */
  private readonly preparing = new Map<string, Promise<void>>();

  private constructor(private readonly deps: PrintQueueDeps) {}

  /** Reads the queue file; a job that was being sent when the app stopped is now unconfirmed. */
  static async open(deps: PrintQueueDeps): Promise<PrintQueue> {
    const queue = new PrintQueue(deps);
    await removeStaleTemps(deps.file);
    const text = await readTextIfExists(deps.file);
    if (text !== null) {
      const parsed = fileSchema.safeParse(safeJson(text));
      if (parsed.success) queue.jobs = parsed.data.jobs.map((job) => (job.sending ? { ...job, sending: false, unconfirmed: true } : job));
      else {
        const kept = await moveAside(deps.file, deps.now());
        deps.log.error('printing: the print queue file could not be read; kept aside', { kept });
      }
    }
    if (queue.jobs.length) queue.wake();
    return queue;
  }

  state(): PrintQueueState {
    return { status: { ...this.status }, queued: this.jobs.length };
  }

  /**
   * Queues a document and starts printing in the background. A document already waiting (the
   * clerk pressed Print again while the paper was out) is not queued twice. A job whose copy is
   * still to be made (`copyRequested`) is not such a job: it may yet be dropped (its copy refused,
   * or printed by `onSigned` once the unit signs it), so what is asked now is queued on its own.
   */
  async enqueue(document: PrintDocument): Promise<PrintQueueState & { jobId: string }> {
    const waiting = this.jobs.find((job) => !job.sending && job.copyRequested !== true && sameDocument(job.document, document));
    if (waiting) {
      this.wake();
      return { ...this.state(), jobId: waiting.id };
    }
    const job: PrintJob = { id: randomUUID(), document, queuedAt: this.deps.now().toISOString(), sending: false, unconfirmed: false };
    this.jobs.push(job);
    await this.save();
    this.changed();
    this.wake();
    return { ...this.state(), jobId: job.id };
  }

  /**
   * Queues a copy of a receipt the clerk asked for and makes the copy (`makeCopy`): the job, with
   * `copyRequested`, is on disk before the copy is made, so a stop between the two finishes the
   * copy at the next start and prints it once. Throws (and queues nothing) when no copy may be made.
   */
  async enqueueCopy(document: ReceiptDocument): Promise<PrintQueueState & { jobId: string }> {
    const job: PrintJob = {
      id: randomUUID(),
      document: { ...document, copy: true },
      queuedAt: this.deps.now().toISOString(),
      sending: false,
      unconfirmed: false,
      copyRequested: true,
    };
    let settle = () => undefined as void;
    this.preparing.set(
      job.id,
      new Promise<void>((resolve) => {
        settle = resolve;
      }),
    );
    try {
      this.jobs.push(job);
      try {
        await this.save();
      } catch (error) {
        // Not on disk: the clerk is told it failed, so it must not print later either.
        this.jobs = this.jobs.filter((j) => j !== job);
        throw error;
      }
      try {
        await this.deps.makeCopy?.({ ...document, copy: false }, { resume: false });
      } catch (error) {
        await this.remove(job);
        throw error;
      }
      delete job.copyRequested;
      await this.save();
    } finally {
      this.preparing.delete(job.id);
      settle();
    }
    this.changed();
    this.wake();
    return { ...this.state(), jobId: job.id };
  }

  /** Tries the printer now (a job was added, or the clerk says the paper is back). */
  wake(): void {
    if (this.closed) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when the queue has nothing it is doing right now (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
    await this.saving;
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private async drain(): Promise<void> {
    while (this.jobs.length > 0 && !this.closed) {
      if (!(await this.printFirst())) {
        if (!this.closed) this.retry = setTimeout(() => this.wake(), this.deps.retryMs ?? 3000);
        return;
      }
    }
  }

  /** True when the first job left the queue (printed or dropped); false to try again later. */
  private async printFirst(): Promise<boolean> {
    const address = this.deps.printer();
    if (!address) {
      this.setStatus({ condition: 'unreachable', paperNearEnd: false });
      return false;
    }
    if ('cups' in address) return this.printThroughCups(address.cups);
    let connection: PrinterConnection;
    try {
      connection = await PrinterConnection.open(address, this.deps.timeouts ?? defaultTimeouts);
    } catch (error) {
      // Once per outage, not at every retry.
      if (this.status.condition !== 'unreachable') this.deps.log.warn('printing: the printer cannot be reached', { error });
      this.setStatus({ condition: 'unreachable', paperNearEnd: false });
      return false;
    }
    const job = this.jobs[0]!;
    try {
      const before = await connection.status();
      this.setStatus(before);
      if (before.condition !== 'ready') return false;

      const bytes = await this.render(job);
      if (bytes === null) return true;

      job.sending = true;
      await this.save();
      const message = new Uint8Array(bytes.length + PRINTED_ACK_REQUEST.length);
      message.set(bytes);
      message.set(PRINTED_ACK_REQUEST, bytes.length);
      await connection.send(message);

      const pollMs = this.deps.ackPollMs ?? 1000;
      for (let readyWaitMs = 0; ;) {
        if ((await connection.acknowledgement(pollMs)) !== null) break;
        // Shutting down: whether it printed is unknown, so the next start prints it as a copy.
        if (this.closed) throw new Error('The app is closing while the printer holds the job.');
        // Out of paper or open mid-receipt: the printer holds the rest and finishes it when it
        // can, so keep waiting on this connection and tell the clerk why.
        const during = await connection.status();
        this.setStatus(during);
        readyWaitMs = during.condition === 'ready' ? readyWaitMs + pollMs : 0;
        if (readyWaitMs > (this.deps.ackTimeoutMs ?? 30_000)) throw new Error('The printer is ready but never acknowledged the job.');
      }
      await this.remove(job);
      this.setStatus(await connection.status().catch(() => this.status));
      return true;
    } catch (error) {
      this.deps.log.warn('printing: the printer stopped answering', { jobId: job.id, error });
      if (job.sending) {
        job.sending = false;
        job.unconfirmed = true;
        await this.save();
      }
      this.setStatus({ condition: 'unreachable', paperNearEnd: false });
      return false;
    } finally {
      connection.close();
    }
  }

  /**
   * A CUPS queue in raw mode: the job is handed to `lp`, and CUPS spools it. `lp` exiting 0 means
   * CUPS has it (its spool survives a restart); any other exit means it was not taken, so the
   * job stays an original and is tried again. The printer's paper and cover cannot be read here.
   */
  private async printThroughCups(printer: string): Promise<boolean> {
    const job = this.jobs[0]!;
    const bytes = await this.render(job);
    if (bytes === null) return true;
    job.sending = true;
    await this.save();
    try {
      await (this.deps.printRaw ?? printRaw)(printer, bytes);
    } catch (error) {
      if (this.status.condition !== 'unreachable') this.deps.log.warn('printing: CUPS did not take the job', { jobId: job.id, error });
      job.sending = false;
      await this.save();
      this.setStatus({ condition: 'unreachable', paperNearEnd: false });
      return false;
    }
    this.setStatus({ condition: 'ready', paperNearEnd: false });
    await this.remove(job);
    return true;
  }

  /**
   * The job's bytes, made now (an unconfirmed original receipt as a COPY, made through `makeCopy`);
   * null when it cannot be made (its sale is gone, no copy may be made): then it is dropped and the
   * clerk told, or it would block every job behind it.
   */
  private async render(job: PrintJob): Promise<Uint8Array | null> {
    const preparing = this.preparing.get(job.id);
    if (preparing) {
      await preparing;
      if (!this.jobs.includes(job)) return null; // no copy could be made: it left the queue
    }
    const { document } = job;
    if (document.kind === 'drawer-kick' && job.unconfirmed) {
      // It may have opened the drawer already: a second kick would open it a second time.
      this.deps.log.warn('printing: a drawer kick that may have been sent is not sent again', { jobId: job.id });
      await this.remove(job);
      return null;
    }
    try {
      if (document.kind === 'receipt' && (job.copyRequested === true || (job.unconfirmed && !document.copy))) {
        // The intent first, then the copy, then the job as a copy job: a stop anywhere between is finished at the next start.
        const resume = job.copyRequested === true;
        if (!resume) {
          job.copyRequested = true;
          await this.save();
        }
        await this.deps.makeCopy?.({ ...document, copy: false }, { resume });
        job.document = { ...document, copy: true };
        delete job.copyRequested;
        await this.save();
      } else if (document.kind === 'z-report' && job.unconfirmed && !document.copy) {
        if ((await this.deps.makeCopy?.(document, { resume: false })) === true) {
          job.document = { ...document, copy: true };
          await this.save();
        }
      }
      return await this.deps.render(job.document);
    } catch (error) {
      this.deps.log.error('printing: a queued document could not be made; dropped', { jobId: job.id, error });
      await this.remove(job);
      this.deps.onDropped?.(job, error);
      return null;
    }
  }

  private async remove(job: PrintJob): Promise<void> {
    this.jobs = this.jobs.filter((j) => j !== job);
    await this.save();
    this.changed();
  }

  /** Saves are serialised, each writing the queue as it is then. */
  private save(): Promise<void> {
    const next = this.saving.then(() =>
      writeFileAtomic(this.deps.file, JSON.stringify({ version: 1, jobs: this.jobs } satisfies z.infer<typeof fileSchema>)),
    );
    this.saving = next.catch(() => undefined);
    return next;
  }

  private setStatus(status: PrinterStatus): void {
    const same = status.condition === this.status.condition && status.paperNearEnd === this.status.paperNearEnd;
    this.status = status;
    if (!same) this.changed();
  }

  private changed(): void {
    try {
      this.deps.onChange?.(this.state());
    } catch (error) {
      this.deps.log.error('printing: a listener of the print queue failed', { error });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
