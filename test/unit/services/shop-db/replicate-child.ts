/**
 * Child process for the SIGKILL test: replicates a journal to the shop database in small batches and
 * prints `ACK <seq>` as the database acknowledges them. The parent kills it mid-way.
 */
import pg from 'pg';
import { openJournal } from '../../../../electron/services/journal/journal';
import { Replicator } from '../../../../electron/services/shop-db/replicator';

const [dir, url, tillId] = process.argv.slice(2);
if (!dir || !url || !tillId) throw new Error('usage: replicate-child <dir> <url> <tillId>');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const { journal } = await openJournal(dir, { log: silent });
const pool = new pg.Pool({ connectionString: url });
const replicator = new Replicator({ pool, source: journal, till: { id: tillId, name: () => 'Till 1' }, log: silent, batchSize: 25 });
replicator.start();
let last = -1;
setInterval(() => {
  const seq = replicator.syncedThrough();
  if (seq !== last) process.stdout.write(`ACK ${(last = seq)}\n`);
}, 1);
