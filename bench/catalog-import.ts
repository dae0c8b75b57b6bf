/**
 * Catalog import — how measured: the benchmark CSV (100 000 rows, valid EAN-13 barcodes) is sent
 * through the real channels of a running web host, exactly as the renderer's Import catalog does:
 * POST /api/catalog:importPreview with the file text, then /api/catalog:importCommit. Wall time is
 * from sending the preview to the commit's answer (parse, validate, atomic write of catalog.json),
 * HTTP over loopback included. Peak memory is the web host process's VmHWM (peak RSS) from /proc,
 * reset to the current RSS just before the import (clear_refs 5), so it is the peak reached while
 * importing; the RSS before the import is given too. One import per run: the first is the one a
 * shop sees (later ones reuse a warmer heap), and it also leaves the catalog in place for the
 * browser benchmarks.
 */
import type { BenchResult } from './lib/figure';
import { round1 } from './lib/figure';
import { currentRssMb, peakRssMb, resetPeakRss, type BenchHost } from './lib/web-host';

export async function benchCatalogImport(host: BenchHost, csv: string, rows: number): Promise<BenchResult> {
  const rssBefore = await currentRssMb(host.pid);
  const reset = await resetPeakRss(host.pid);
  const started = performance.now();
  const preview = await host.call<{ importId: string; validCount: number; errorCount: number; errors: { line: number; reason: string }[] }>(
    'catalog:importPreview',
    { fileName: 'bench.csv', text: csv },
  );
  const previewMs = performance.now() - started;
  if (preview.errorCount > 0 || preview.validCount !== rows) {
    throw new Error(
      `the benchmark catalog did not import cleanly: ${preview.validCount} valid, ${preview.errorCount} errors, first ${JSON.stringify(preview.errors.slice(0, 3))}`,
    );
  }
  const commit = await host.call<{ count: number }>('catalog:importCommit', { importId: preview.importId });
  const wallMs = performance.now() - started;
  const peak = await peakRssMb(host.pid);
  return {
    figures: [
      {
        id: 'import.wall',
        name: `Catalog import, ${rows.toLocaleString('en')} rows: wall time`,
        value: round1(wallMs),
        unit: 'ms',
        target: { op: '<', value: 2000 },
      },
      {
        id: 'import.peakRss',
        name: 'Catalog import: peak memory (web host RSS)',
        value: peak === null ? null : round1(peak),
        unit: 'MB',
        ...(peak === null ? { note: 'no /proc here' } : reset ? {} : { note: 'peak since process start (clear_refs unavailable)' }),
      },
    ],
    details: {
      rows,
      csvBytes: Buffer.byteLength(csv),
      previewMs: round1(previewMs),
      commitMs: round1(wallMs - previewMs),
      committed: commit.count,
      rssBeforeMb: rssBefore,
      peakReset: reset,
    },
  };
}
