/**
 * Child process for the crash test: appends records as fast as it can and prints `ACK <seq>`
 * only after each append has resolved (i.e. after fsync). The parent kills it with SIGKILL.
 */
import { openJournal } from '../../../../electron/services/journal/journal';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child <dir>');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const { journal } = await openJournal(dir, { log: silent });
process.stdout.write(`READY ${journal.seq}\n`);
for (let i = 0; ; i += 1) {
  const record = await journal.append({
    type: 'status-observed',
    saleId: `sale-${i % 7}`,
    data: { status: 'open', filler: 'x'.repeat(i % 300), i },
    at: new Date().toISOString(),
  });
  process.stdout.write(`ACK ${record.seq}\n`);
}
