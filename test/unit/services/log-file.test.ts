import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, Redactor } from '../../../electron/services/log';
import { createLogFileSink } from '../../../electron/services/log-file';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linkpos-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const logFiles = (dir: string) => readdirSync(dir).sort();

describe('the log file', () => {
  it('appends lines to linkpos.log, creating the folder, and keeps what was there', async () => {
    const dir = join(tempDir(), 'logs');
    const first = createLogFileSink({ dir });
    first.write('one');
    await first.close();
    const second = createLogFileSink({ dir });
    expect(second.path).toBe(join(dir, 'linkpos.log'));
    second.write('two');
    second.write('three');
    await second.flush();
    expect(read(dir, 'linkpos.log')).toBe('one\ntwo\nthree\n');
    await second.close();
  });

  it('returns before the line is on disk, so a slow disk never holds up a sale', async () => {
    const dir = tempDir();
    const sink = createLogFileSink({ dir });
    sink.write('queued');
    expect(logFiles(dir)).toEqual([]);
    await sink.flush();
    expect(read(dir, 'linkpos.log')).toBe('queued\n');
    await sink.close();
  });

  it('rotates by size, keeping maxFiles files with the newest lines, the oldest dropped', async () => {
    const dir = tempDir();
    // Lines of 10 bytes with their newline, 3 to a 30-byte file.
    const sink = createLogFileSink({ dir, maxBytes: 30, maxFiles: 3 });
    for (let i = 0; i < 12; i++) {
      sink.write(`line ${String(i).padStart(4, '0')}`);
      // Rotation works the same whether lines come one by one or in a batch.
      if (i % 4 === 0) await sink.flush();
    }
    await sink.close();
    expect(logFiles(dir)).toEqual(['linkpos.1.log', 'linkpos.2.log', 'linkpos.log']);
    expect(read(dir, 'linkpos.2.log')).toBe('line 0003\nline 0004\nline 0005\n');
    expect(read(dir, 'linkpos.1.log')).toBe('line 0006\nline 0007\nline 0008\n');
    expect(read(dir, 'linkpos.log')).toBe('line 0009\nline 0010\nline 0011\n');
  });

  it('counts an existing file towards the limit after a restart', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'linkpos.log'), 'x'.repeat(25) + '\n');
    const sink = createLogFileSink({ dir, maxBytes: 30, maxFiles: 2 });
    sink.write('line 0001');
    await sink.close();
    expect(read(dir, 'linkpos.1.log')).toBe('x'.repeat(25) + '\n');
    expect(read(dir, 'linkpos.log')).toBe('line 0001\n');
  });

  it('drops lines rather than fill memory when the disk cannot keep up, and says how many', async () => {
    const dir = tempDir();
    const sink = createLogFileSink({ dir, maxQueuedBytes: 25 });
    // The first line goes to the writer at once; the next two wait, and the last two do not fit.
    for (const line of ['first', 'waiting 1', 'waiting 2', 'too many 1', 'too many 2']) sink.write(line);
    await sink.flush();
    sink.write('later');
    await sink.close();
    const lines = read(dir, 'linkpos.log').trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['first', 'waiting 1', 'waiting 2']);
    expect(lines[3]).toMatch(/WARN 2 log lines were dropped/);
    expect(lines[4]).toBe('later');
  });

  it('reports a failed write and carries on', async () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const errors: unknown[] = [];
    const sink = createLogFileSink({ dir: file, onError: (error) => errors.push(error) });
    sink.write('lost');
    await sink.close();
    expect(errors).toHaveLength(1);
  });

  it('never holds a registered secret: the logger redacts before the file sees a line', async () => {
    const dir = tempDir();
    const sentinel = 'SENTINEL-sk_live_51Hq"\\x';
    const redactor = new Redactor();
    redactor.register(sentinel);
    const sink = createLogFileSink({ dir, maxBytes: 200, maxFiles: 3 });
    const log = createLogger((line) => sink.write(line), redactor);
    for (let i = 0; i < 5; i++) {
      log.info(`calling the provider with ${sentinel}`);
      log.warn('provider call failed', { header: `Bearer ${sentinel}`, error: new Error(`rejected ${sentinel}`) });
      log.error(encodeURIComponent(sentinel));
    }
    await sink.close();
    const files = logFiles(dir);
    expect(files.length).toBeGreaterThan(1);
    const text = files.map((file) => read(dir, file)).join('');
    expect(text).toContain('[redacted]');
    for (const form of ['SENTINEL', 'sk_live', encodeURIComponent(sentinel), Buffer.from(sentinel).toString('base64')])
      expect(text).not.toContain(form);
  });
});
