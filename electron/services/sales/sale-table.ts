import type { Sale } from './sale-machine';

/**
 * What every sale keeps in memory even when its full record is not loaded: enough to list, filter
 * and find sales, to pick the live one and to tell which need a look at start-up. The fields are
 * Sale's own, so a loaded Sale is its own summary.
 */
export type SaleSummary = Pick<
  Sale,
  'id' | 'number' | 'state' | 'createdAt' | 'updatedAt' | 'amountMinor' | 'orderReference' | 'awaitingRecreate'
>;

export const summaryFields = [
  'id',
  'number',
  'state',
  'createdAt',
  'updatedAt',
  'amountMinor',
  'orderReference',
  'awaitingRecreate',
] as const satisfies readonly (keyof SaleSummary)[];

export function summarize(sale: SaleSummary): SaleSummary {
  return {
    id: sale.id,
    number: sale.number,
    state: sale.state,
    createdAt: sale.createdAt,
    updatedAt: sale.updatedAt,
    amountMinor: sale.amountMinor,
    orderReference: sale.orderReference,
    awaitingRecreate: sale.awaitingRecreate,
  };
}

function sameSummary(sale: SaleSummary, summary: SaleSummary): boolean {
  return summaryFields.every((field) => sale[field] === summary[field]);
}

/**
 * Every sale by id: the ones touched since start-up in full, the rest (restored from a checkpoint)
 * as summaries until someone asks for one — then it is rebuilt from its own journal records by
 * `load`, once, and kept. A summarised sale has had no record since the checkpoint (any record
 * goes through `get` first), so its records up to the checkpoint are all of it. Code that walks
 * every sale uses `summaries()`, which loads nothing.
 */
export class SaleTable {
  private readonly full = new Map<string, Sale>();
  private readonly cold = new Map<string, SaleSummary>();

  constructor(
    private readonly load: (id: string) => Sale | undefined = () => undefined,
    /** Told of each summarised sale that could not be rebuilt as summarised (for the log). */
    private readonly onUnusable?: (id: string) => void,
  ) {}

  /** A table of summaries, each loaded in full on first use. */
  static restore(summaries: Iterable<SaleSummary>, load: (id: string) => Sale | undefined, onUnusable?: (id: string) => void): SaleTable {
    const table = new SaleTable(load, onUnusable);
    for (const summary of summaries) table.cold.set(summary.id, summary);
    return table;
  }

  get size(): number {
    return this.full.size + this.cold.size;
  }

  has(id: string): boolean {
    return this.full.has(id) || this.cold.has(id);
  }

  /**
   * The sale in full, loading it if it is only a summary. A sale whose records cannot be rebuilt as
   * the checkpoint summarised it (a journal line damaged since, which the check of the whole file
   * reports) is dropped: it is no longer listed, and nothing can be done to it. Its report entry,
   * kept in the checkpoint, still counts. A read error of the file itself is thrown.
   */
  get(id: string): Sale | undefined {
    const sale = this.full.get(id);
    const summary = this.cold.get(id);
    if (sale || !summary) return sale;
    const loaded = this.load(id);
    this.cold.delete(id);
    // The checkpoint was taken from the journal as it then was: a rebuild that tells another story
    // (a line damaged since) is not this sale, and acting on it could take or count money twice.
    if (!loaded || !sameSummary(loaded, summary)) {
      this.onUnusable?.(id);
      return undefined;
    }
    this.full.set(id, loaded);
    return loaded;
  }

  set(id: string, sale: Sale): void {
    this.cold.delete(id);
    this.full.set(id, sale);
  }

  /** Every sale's summary (a loaded sale is its own), without loading anything. */
  *summaries(): IterableIterator<SaleSummary> {
    yield* this.full.values();
    yield* this.cold.values();
  }

  /** How many sales are loaded in full (for tests and the log). */
  get loaded(): number {
    return this.full.size;
  }
}
