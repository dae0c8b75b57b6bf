/**
 * The printer's real-time status, read with DLE EOT n (Epson's ESC/POS, followed by Star in
 * ESC/POS mode, Bixolon and the clones): each query is answered at once with one byte, even while
 * the printer is offline, so the app can say why it is not printing.
 *
 * Each answer has the fixed bits 0xx1xx10; a byte that does not is not a status answer.
 */

/** DLE EOT 1 (printer), 2 (offline cause), 4 (roll paper sensor). */
export const STATUS_QUERIES = [1, 2, 4] as const;

export function statusQuery(n: (typeof STATUS_QUERIES)[number]): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/**
 * GS r 1: "transmit paper sensor status". Unlike DLE EOT it waits its turn in the receive buffer,
 * so its answer comes only once everything sent before it has been printed: the receipt's
 * acknowledgement.
 */
export const PRINTED_ACK_REQUEST = Uint8Array.of(0x1d, 0x72, 0x01);

export type PrinterCondition = 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'unreachable';

export interface PrinterStatus {
  condition: PrinterCondition;
  /** The roll is nearly used up (still printing). */
  paperNearEnd: boolean;
}

export const isStatusByte = (byte: number) => (byte & 0b1001_0011) === 0b0001_0010;

/**
 * What the three answers (to DLE EOT 1, 2 and 4, in that order) mean for the clerk. Paper out
 * comes first (the most common and the one the clerk can fix), then the cover, then any other
 * offline state (an error, the feed button held).
 */
export function decodeStatus(answers: readonly [number, number, number]): PrinterStatus {
  const [printer, offlineCause, paper] = answers;
  if (!answers.every(isStatusByte)) return { condition: 'unreachable', paperNearEnd: false };
  const paperOut = (paper & 0x60) !== 0 || (offlineCause & 0x20) !== 0;
  const paperNearEnd = (paper & 0x0c) !== 0;
  const coverOpen = (offlineCause & 0x04) !== 0;
  const offline = (printer & 0x08) !== 0 || (offlineCause & 0x40) !== 0;
  const condition: PrinterCondition = paperOut ? 'paper-out' : coverOpen ? 'cover-open' : offline ? 'offline' : 'ready';
  return { condition, paperNearEnd };
}
