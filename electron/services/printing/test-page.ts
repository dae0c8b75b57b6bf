import { defaultTimeouts, PrinterConnection, type ConnectionTimeouts, type PrinterAddress } from './connection';
import { PRINTED_ACK_REQUEST, type PrinterCondition } from './status';

/**
 * Sends one document straight to a printer, without the queue: the settings' test page, which
 * is about the printer set in the form right now and is not worth keeping for later. It is sent
 * only to a printer that says it is ready, and counts as printed when the printer acknowledges it.
 */
export async function printOnce(
  address: PrinterAddress,
  bytes: Uint8Array,
  options: { timeouts?: ConnectionTimeouts; ackTimeoutMs?: number } = {},
): Promise<{ printed: boolean; condition: PrinterCondition }> {
  let connection: PrinterConnection;
  try {
    connection = await PrinterConnection.open(address, options.timeouts ?? defaultTimeouts);
  } catch {
    return { printed: false, condition: 'unreachable' };
  }
  try {
    const before = await connection.status();
    if (before.condition !== 'ready') return { printed: false, condition: before.condition };
    const message = new Uint8Array(bytes.length + PRINTED_ACK_REQUEST.length);
    message.set(bytes);
    message.set(PRINTED_ACK_REQUEST, bytes.length);
    await connection.send(message);
    const acknowledged = (await connection.acknowledgement(options.ackTimeoutMs ?? 15_000)) !== null;
    const after = await connection.status();
    return { printed: acknowledged, condition: after.condition };
  } catch {
    return { printed: false, condition: 'unreachable' };
  } finally {
    connection.close();
  }
}
