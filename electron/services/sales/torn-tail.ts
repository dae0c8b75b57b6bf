import type { SaleView } from '../../../shared/domain/sale';

/**
 * What a torn journal tail (set aside at start-up, see journal.ts) says about payments. A line
 * cut short cannot be parsed, so this reads what is left of it: canonical JSON puts `data` before
 * `saleId` and `type`, so a cut line may keep the payment (`"status":"paid"`) and the link's
 * reference but lose the sale's id. Each piece of the tail is one line, or what is left of it.
 */
export interface TornPayment {
  readonly saleId: string | null;
  /** The link the payment was on (a status record's `reference`), when the sale's id is lost. */
  readonly linkReference: string | null;
}

const PAID = /"status":"paid"|"decision":"paid"|"type":"captured"|"via":"(?:answer|read)"/;
const field = (text: string, name: string): string | null => new RegExp(`"${name}":"([^"\\\\]{1,200})"`).exec(text)?.[1] ?? null;

export function paymentsInTornTail(tail: string | null): TornPayment[] {
  if (!tail) return [];
  return tail
    .split('\n')
    .filter((piece) => PAID.test(piece))
    .map((piece) => ({ saleId: field(piece, 'saleId'), linkReference: field(piece, 'reference') }));
}

/**
 * The sales a torn tail may have recorded as paid: the clerk may have seen Paid before the crash,
 * and the customer may have left with the goods, whatever the till shows after the restart (it
 * checks the sale with the provider again, which takes a moment). `number` is null when what is
 * left of the line names no sale the till knows.
 */
export function salesInTornPayments(tail: string | null, sales: readonly SaleView[]): { number: number | null }[] {
  const found: { number: number | null }[] = [];
  for (const payment of paymentsInTornTail(tail)) {
    const sale = sales.find(
      (s) =>
        (payment.saleId !== null && s.id === payment.saleId) ||
        (payment.linkReference !== null && s.link?.reference === payment.linkReference),
    );
    const number = sale?.number ?? null;
    if (!found.some((f) => f.number === number)) found.push({ number });
  }
  return found;
}
