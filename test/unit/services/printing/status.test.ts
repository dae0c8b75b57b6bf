import { describe, expect, it } from 'vitest';
import { decodeStatus, isStatusByte } from '../../../../electron/services/printing/status';
import { printerHostPattern } from '../../../../shared/domain/settings';

// Answers to DLE EOT 1, 2 and 4 as an Epson TM-m30 sends them (fixed bits 0xx1xx10).
const ok = 0x12;

describe('decodeStatus', () => {
  it('reads a printer with paper and its cover shut as ready', () => {
    expect(decodeStatus([ok, ok, ok])).toEqual({ condition: 'ready', paperNearEnd: false });
  });

  it('reads the paper end sensor as paper out, before the offline it causes', () => {
    expect(decodeStatus([ok | 0x08, ok | 0x20, ok | 0x60])).toEqual({ condition: 'paper-out', paperNearEnd: false });
    expect(decodeStatus([ok | 0x08, ok, ok | 0x60]).condition).toBe('paper-out');
  });

  it('reads an open cover', () => {
    expect(decodeStatus([ok | 0x08, ok | 0x04, ok]).condition).toBe('cover-open');
  });

  it('reads any other offline state (an error, the feed button) as offline', () => {
    expect(decodeStatus([ok | 0x08, ok, ok]).condition).toBe('offline');
    expect(decodeStatus([ok, ok | 0x40, ok]).condition).toBe('offline');
  });

  it('tells a nearly used roll while still ready', () => {
    expect(decodeStatus([ok, ok, ok | 0x0c])).toEqual({ condition: 'ready', paperNearEnd: true });
  });

  it('does not take bytes without the fixed bits for a status (something else is answering)', () => {
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x48)).toBe(false);
    expect(decodeStatus([ok, 0xff, ok])).toEqual({ condition: 'unreachable', paperNearEnd: false });
  });
});

describe('the printer address a form may send', () => {
  it('takes host names and IP addresses, never a URL or a path', () => {
    for (const ok of ['192.168.1.50', 'tm-m30.local', 'printer', '[fe80::1]', '::1']) expect(printerHostPattern.test(ok), ok).toBe(true);
    for (const bad of ['http://10.0.0.1', '10.0.0.1/x', 'a b', '-printer', 'printer;rm'])
      expect(printerHostPattern.test(bad), bad).toBe(false);
  });
});
