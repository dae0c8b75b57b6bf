import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FILE,
  CheckpointError,
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  type Checkpoint,
} from '../../../../electron/services/startup/checkpoint-store';
import { saleStates } from '../../../../shared/domain/sale';
import { reportOutcomes } from '../../../../shared/domain/report';
import { useTempDir } from '../journal/helpers';

const iso = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString());
const count = fc.nat({ max: 1_000_000 });

const checkpointArb: fc.Arbitrary<Checkpoint> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 0, maxLength: 12 })
  .chain((ids) =>
    fc.record({
      anchor: fc.record({
        seq: fc.integer({ min: 1, max: 1_000_000 }),
        hash: fc.stringMatching(/^[0-9a-f]{64}$/),
        offset: count,
        length: count,
        line: count,
      }),
      index: fc
        .tuple(...ids.map(() => fc.array(count, { maxLength: 6 }).map((p) => (p.length % 2 ? p.slice(1) : p))))
        .map((lists) => new Map(ids.flatMap((id, i) => (lists[i]!.length ? [[id, lists[i]!] as [string, number[]]] : [])))),
      maxNumber: count,
      problems: fc.array(fc.string(), { maxLength: 3 }),
      summaries: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            number: count,
            state: fc.constantFrom(...saleStates),
            createdAt: iso,
            updatedAt: iso,
            amountMinor: fc.integer({ min: -1_000_000, max: 1_000_000 }),
            orderReference: fc.string(),
            awaitingRecreate: fc.boolean(),
          }),
        ),
      ),
      ledger: fc.record({
        lastSeq: count,
        lastAt: fc.option(iso, { nil: null }),
        lastReceipt: fc.record({ real: count, training: count, refundReal: count, refundTraining: count }),
        entries: fc.array(
          fc
            .record({
              seq: count,
              at: iso,
              // Mostly a sale of the checkpoint; sometimes one it does not list.
              saleId: ids.length ? fc.oneof(fc.constantFrom(...ids), fc.string()) : fc.string(),
              outcome: fc.constantFrom(...reportOutcomes),
              demo: fc.boolean(),
              provider: fc.constantFrom('ecster' as const, 'straumur' as const),
              currency: fc.constantFrom('SEK' as const, 'ISK' as const, 'EUR' as const),
              amountMinor: fc.integer({ min: -1_000_000, max: 1_000_000 }),
              vat: fc.array(fc.record({ vatRate: fc.nat({ max: 10_000 }), grossMinor: count, netMinor: count, vatMinor: count }), {
                maxLength: 3,
              }),
              receiptNumber: fc.option(count, { nil: null }),
              refundNumber: fc.integer({ min: 1, max: 9 }),
            })
            .map(({ refundNumber, ...entry }) => (entry.outcome === 'refunded' ? { ...entry, refundNumber } : entry)),
          { maxLength: 10 },
        ),
      }),
    }),
  );

const temp = useTempDir();

describe('checkpoint file', () => {
  it('decodes to exactly what was encoded', () => {
    fc.assert(
      fc.property(checkpointArb, (checkpoint) => {
        expect(decodeCheckpoint(encodeCheckpoint(checkpoint))).toEqual(checkpoint);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the till's life (till-life.ts) when it has one; one from before it decodes without", () => {
    const sample = fc.sample(checkpointArb, { numRuns: 1, seed: 11 })[0]!;
    const till = { last: 'started' as const, signedIn: [{ id: 's-1', name: 'Anna' }], training: true };
    expect(decodeCheckpoint(encodeCheckpoint({ ...sample, till })).till).toEqual(till);
    expect(decodeCheckpoint(encodeCheckpoint(sample)).till).toBeUndefined();
  });

  it("reads the till's life as an earlier version wrote it, with the last record's time (now the ledger's alone)", () => {
    const sample = fc.sample(checkpointArb, { numRuns: 1, seed: 11 })[0]!;
    const till = { last: 'stopped' as const, signedIn: [], training: null };
    for (const lastAt of ['2026-12-06T10:00:00.000Z', null]) {
      const older = { ...sample, till: { ...till, lastAt } } as Parameters<typeof encodeCheckpoint>[0];
      expect(decodeCheckpoint(encodeCheckpoint(older)).till).toEqual(till);
    }
    const wrong = { ...sample, till: { ...till, lastAt: 5 } } as unknown as Parameters<typeof encodeCheckpoint>[0];
    expect(() => decodeCheckpoint(encodeCheckpoint(wrong))).toThrow(CheckpointError);
  });

  it('keeps whether the control unit held anything; one from before it decodes without', () => {
    const sample = fc.sample(checkpointArb, { numRuns: 1, seed: 12 })[0]!;
    for (const controlUnit of [true, false])
      expect(decodeCheckpoint(encodeCheckpoint({ ...sample, controlUnit })).controlUnit).toBe(controlUnit);
    expect(decodeCheckpoint(encodeCheckpoint(sample)).controlUnit).toBeUndefined();
  });

  it('refuses a file with any byte changed, cut short, or of another version', () => {
    const sample = fc.sample(
      checkpointArb.filter((c) => c.summaries.length > 1),
      { numRuns: 1, seed: 7 },
    )[0]!;
    const text = encodeCheckpoint(sample);
    for (let i = 0; i < text.length; i += 1) {
      const flipped = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 0x01) + text.slice(i + 1);
      expect(() => decodeCheckpoint(flipped), `byte ${i}`).toThrow(CheckpointError);
    }
    for (const cut of [0, 10, text.indexOf('\n'), text.length - 1])
      expect(() => decodeCheckpoint(text.slice(0, cut))).toThrow(CheckpointError);
    expect(() => decodeCheckpoint(text.replace('CHECKPOINT 1 ', 'CHECKPOINT 2 '))).toThrow(CheckpointError);
  });

  it("is written atomically next to the journal (clearing a dead writer's temporary file) and read back; a missing one is no problem, a bad one is named", async () => {
    expect(await readCheckpoint(temp.dir)).toEqual({ checkpoint: null, problem: null });
    const sample = fc.sample(checkpointArb, { numRuns: 1, seed: 3 })[0]!;
    // What a process that died while writing one leaves behind.
    await writeFile(join(temp.dir, `${CHECKPOINT_FILE}.4242.tmp`), 'LINKPOS-CHECKPOINT 1 half of on');
    await writeCheckpoint(temp.dir, sample);
    await writeCheckpoint(temp.dir, sample);
    expect(await readdir(temp.dir)).toEqual([CHECKPOINT_FILE]);
    expect(await readCheckpoint(temp.dir)).toEqual({ checkpoint: sample, problem: null });
    await writeFile(join(temp.dir, CHECKPOINT_FILE), 'LINKPOS-CHECKPOINT 1 zz\n{}');
    expect(await readCheckpoint(temp.dir)).toEqual({ checkpoint: null, problem: 'not a LinkPOS checkpoint (or another version)' });
  });
});
