import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { listCupsPrinters, printRaw } from '../../../../electron/services/printing/cups';
import { ThermalPrinter } from '../../../../electron/services/printing/service';
import { decodeEscPos } from '../../../../electron/services/sandbox/virtual-printer/decoder';
import { sampleReceipt } from '../../../support/receipts';
import { recordingLogger } from '../journal/helpers';

/**
 * CUPS in raw mode against a fake `lp` and `lpstat` on PATH (CUPS is outside the product): `lp`
 * records its arguments and the bytes it is given, as CUPS would spool them, or refuses while
 * `refuse` exists; `lpstat` lists a receipt printer and a disabled office printer.
 */
let bin: string;
let spool: string;
const originalPath = process.env.PATH;

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'linkpos-cups-bin-'));
  spool = mkdtempSync(join(tmpdir(), 'linkpos-cups-spool-'));
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script(
    'lp',
    `if [ -e "${spool}/refuse" ]; then echo "lp: The printer or class does not exist." >&2; exit 1; fi
n=$(ls "${spool}" | grep -c '^job-')
n=$((n + 1))
printf '%s\\n' "$@" > "${spool}/args-$n"
cat > "${spool}/job-$n"
echo "request id is TM_m30-$n (1 file(s))"`,
  );
  script(
    'lpstat',
    `case "$1" in
  -e) printf 'TM_m30\\nOffice_Laser\\n' ;;
  -p) printf 'printer TM_m30 is idle.  enabled since Sun 06 Dec 2026 05:00:00\\nprinter Office_Laser disabled since Sun 06 Dec 2026 04:00:00 -\\n\\treason unknown\\n' ;;
esac`,
  );
  process.env.PATH = `${bin}:${originalPath ?? ''}`;
});

afterEach(() => {
  process.env.PATH = originalPath;
});

const jobs = () =>
  readdirSync(spool)
    .filter((f) => f.startsWith('job-'))
    .sort();

describe('CUPS raw mode', () => {
  it('lists the computer’s printers from lpstat, with whether each is enabled', async () => {
    expect(await listCupsPrinters()).toEqual({
      available: true,
      printers: [
        { name: 'TM_m30', enabled: true },
        { name: 'Office_Laser', enabled: false },
      ],
    });
  });

  it('says CUPS is not there when lpstat cannot be run', async () => {
    process.env.PATH = bin.replace(/$/, '-missing');
    expect(await listCupsPrinters()).toEqual({ available: false, printers: [] });
  });

  it('hands the bytes to lp -d <printer> -o raw unchanged, and refuses a name that is not a queue name', async () => {
    const bytes = Uint8Array.of(0x1b, 0x40, 0xe5, 0x0a, 0x00, 0xff);
    expect(await printRaw('TM_m30', bytes)).toBe('TM_m30-1');
    expect(readFileSync(join(spool, 'args-1'), 'utf8').split('\n').filter(Boolean)).toEqual(['-d', 'TM_m30', '-o', 'raw']);
    expect([...readFileSync(join(spool, 'job-1'))]).toEqual([...bytes]);
    await expect(printRaw('TM m30; rm -rf /', bytes)).rejects.toThrow(/not a CUPS queue name/);
    expect(jobs()).toEqual(['job-1']);
  });

  it('prints a queued receipt through CUPS; a job lp refuses stays queued as an original and prints once when CUPS takes it', async () => {
    let settings: Settings = {
      ...defaultSettings,
      receiptPrinterKind: 'escpos-cups',
      escposPrinter: { ...defaultSettings.escposPrinter, cupsPrinter: 'TM_m30' },
    };
    writeFileSync(join(spool, 'refuse'), '');
    const thermal = await ThermalPrinter.open({
      dataDir: mkdtempSync(join(tmpdir(), 'linkpos-thermal-cups-')),
      settings: () => settings,
      receipt: (_saleId, copy) => Promise.resolve(sampleReceipt({ copy })),
      report: () => Promise.reject(new Error('no reports here')),
      events: { emit: () => undefined },
      log: recordingLogger(),
      now: () => new Date(),
      alarm: () => undefined,
      queue: { retryMs: 20 },
    });
    try {
      expect(thermal.enabled()).toBe(true);
      expect(await thermal.printReceipt('sale-1', false)).toEqual({ printed: false, queued: true, printer: 'TM_m30', dialog: false });
      while (thermal.state().condition !== 'unreachable') await new Promise((r) => setTimeout(r, 5));
      expect(thermal.state()).toMatchObject({ kind: 'escpos-cups', queued: 1 });
      expect(jobs()).toEqual([]);
      rmSync(join(spool, 'refuse'));
      while (thermal.state().queued > 0) await new Promise((r) => setTimeout(r, 5));
      expect(jobs()).toEqual(['job-1']);
      const decoded = decodeEscPos(readFileSync(join(spool, 'job-1')));
      expect(decoded.cuts).toBe(1);
      const lines = decoded.slips[0]!.map((l) => l.trim());
      expect(lines).toContain('Receipt 3');
      expect(lines).not.toContain('COPY');
      expect(lines).toContain('Smörgåstårta Ærø-æbler');
      expect(thermal.state().condition).toBe('ready');
      settings = { ...settings, escposPrinter: { ...settings.escposPrinter, cupsPrinter: '' } };
      expect(thermal.address()).toBeNull();
    } finally {
      await thermal.close();
    }
    expect(existsSync(join(spool, 'job-2'))).toBe(false);
  });
  it('prints the settings’ test page through lp -o raw to the queue in the form, and says so when lp refuses it', async () => {
    const thermal = await ThermalPrinter.open({
      dataDir: mkdtempSync(join(tmpdir(), 'linkpos-thermal-cups-test-')),
      settings: () => defaultSettings,
      receipt: () => Promise.reject(new Error('no receipts here')),
      report: () => Promise.reject(new Error('no reports here')),
      events: { emit: () => undefined },
      log: recordingLogger(),
      now: () => new Date(),
      alarm: () => undefined,
    });
    try {
      const testPage = thermal.handlers()['printer:testPage'];
      expect(await testPage({ cupsPrinter: 'TM_m30', paperWidthMm: 58, columns80: 48 })).toEqual({ printed: true, condition: 'ready' });
      expect(jobs()).toEqual(['job-1']);
      expect(readFileSync(join(spool, 'args-1'), 'utf8').split('\n').filter(Boolean)).toEqual(['-d', 'TM_m30', '-o', 'raw']);
      const decoded = decodeEscPos(readFileSync(join(spool, 'job-1')));
      expect(decoded.cuts).toBe(1);
      const text = decoded.slips[0]!.join('\n');
      expect(text).toContain('TM_m30');
      expect(text).toContain('æøå ÆØÅ äöü ÄÖÜ');
      expect(text).toContain('þðý ÞÐÝ áéíóú € kr');
      // 58 mm paper: nothing wider than 32 characters.
      expect(Math.max(...decoded.slips[0]!.map((line) => line.length))).toBeLessThanOrEqual(32);
      writeFileSync(join(spool, 'refuse'), '');
      expect(await testPage({ cupsPrinter: 'TM_m30', paperWidthMm: 80, columns80: 48 })).toEqual({
        printed: false,
        condition: 'unreachable',
      });
      expect(jobs()).toEqual(['job-1']);
    } finally {
      await thermal.close();
    }
  });
});
