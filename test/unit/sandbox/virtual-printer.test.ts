import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/domain/settings';
import type { Paper } from '../../../shared/ipc/channels/printer';
import { paperSchema } from '../../../shared/ipc/channels/printer';
import { encodeReceipt } from '../../../electron/services/printing/escpos';
import { ThermalPrinter } from '../../../electron/services/printing/service';
import { StreamReader, toPapers, VirtualPrinter } from '../../../electron/services/sandbox/virtual-printer';
import { decodeEscPos } from '../../../electron/services/sandbox/virtual-printer/decoder';
import { sampleReceipt } from '../../support/receipts';
import { recordingLogger } from '../services/journal/helpers';

/** A black disc on transparency, as an owner's logo might be. */
function discPng(size: number): string {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      png.data[i + 3] = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 3) ** 2 ? 255 : 0;
    }
  return PNG.sync.write(png).toString('base64');
}

const texts = (paper: Paper) => paper.pieces.flatMap((p) => (p.kind === 'text' ? [p.text.trim()] : []));

let printer: VirtualPrinter;
let thermal: ThermalPrinter;
const settings: Settings = {
  ...defaultSettings,
  receiptPrinterKind: 'escpos-virtual',
  escposPrinter: { ...defaultSettings.escposPrinter, logo: true, qrCode: true },
};

beforeEach(async () => {
  printer = await VirtualPrinter.start();
  thermal = await ThermalPrinter.open({
    dataDir: mkdtempSync(join(tmpdir(), 'linkpos-virtual-printer-')),
    settings: () => settings,
    receipt: (_saleId, copy) => Promise.resolve(sampleReceipt({ copy })),
    report: () => Promise.reject(new Error('no reports here')),
    events: { emit: () => undefined },
    log: recordingLogger(),
    now: () => new Date(),
    alarm: () => undefined,
    virtualPrinter: { address: () => printer.address, papers: () => toPapers(printer.roll()) },
  });
});
afterEach(async () => {
  await thermal.close();
  await printer.close();
});

describe('the demo’s virtual receipt printer', () => {
  it('listens on loopback only and answers status queries as a ready printer', async () => {
    expect(printer.address.host).toBe('127.0.0.1');
    const socket = net.connect(printer.address);
    const answers: number[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(...chunk));
    socket.write(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04));
    while (answers.length < 3) await new Promise((r) => setTimeout(r, 5));
    socket.destroy();
    // Bits 1 and 4 set, nothing else: online, cover shut, paper present.
    expect(answers).toEqual([0x12, 0x12, 0x12]);
  });

  it('prints a queued receipt through the same queue and connection as a network printer, and shows it as a paper', async () => {
    const logo = await thermal.handlers()['printer:setLogo']({ pngBase64: discPng(200) });
    expect(logo.logo).not.toBeNull();
    expect(thermal.address()).toEqual(printer.address);
    await thermal.printReceipt('sale-1', true);
    while (thermal.state().queued > 0) await new Promise((r) => setTimeout(r, 5));
    expect(thermal.state().condition).toBe('ready');

    const { papers } = await thermal.handlers()['printer:paperRoll']();
    expect(papers).toHaveLength(1);
    const paper = paperSchema.parse(papers[0]);
    expect(paper.cut).toBe(true);
    expect(texts(paper)).toContain('Receipt 3');
    expect(texts(paper)).toContain('COPY');
    expect(texts(paper)).toContain('Smörgåstårta Ærø-æbler');
    expect(paper.pieces.some((p) => p.kind === 'text' && p.bold)).toBe(true);
    const images = paper.pieces.filter((p) => p.kind === 'image');
    expect(images.map((p) => p.qr)).toEqual([null, 'R3']);
    // The logo comes back as the dots it printed: a PNG of that size with black in it.
    const logoPng = PNG.sync.read(Buffer.from(images[0]!.src.slice('data:image/png;base64,'.length), 'base64'));
    expect([logoPng.width, logoPng.height]).toEqual([images[0]!.width, images[0]!.height]);
    expect(logoPng.data.some((v, i) => i % 4 === 0 && v === 0)).toBe(true);
    expect(logoPng.data.some((v, i) => i % 4 === 0 && v === 255)).toBe(true);
  });

  it('prints the settings’ test page on itself', async () => {
    const result = await thermal.handlers()['printer:testPage']({ virtual: true, paperWidthMm: 80, columns80: 42 });
    expect(result).toEqual({ printed: true, condition: 'ready' });
    const [paper] = await toPapers(printer.roll());
    expect(texts(paper!)).toContain('LinkPOS test page');
    expect(texts(paper!)).toContain('þðý ÞÐÝ áéíóú € kr');
  });

  it('reads a job the same whether its bytes arrive at once or one by one, a picture’s data never taken for a command', () => {
    const bytes = encodeReceipt(sampleReceipt(), { columns: 48, language: 'en', qrCode: true });
    const whole: Uint8Array[] = [];
    const answersWhole = new StreamReader((b) => whole.push(b)).push(Uint8Array.from([...bytes, 0x1d, 0x72, 0x01]));
    const split: Uint8Array[] = [];
    const reader = new StreamReader((b) => split.push(b));
    const answersSplit = [...bytes, 0x10, 0x04, 0x01, 0x1d, 0x72, 0x01].flatMap((b) => reader.push(Uint8Array.of(b)));
    expect(answersWhole).toEqual([0x00]);
    expect(answersSplit).toEqual([0x12, 0x00]);
    const joined = (parts: Uint8Array[]) => parts.flatMap((p) => [...p]);
    expect(joined(split)).toEqual([...bytes]);
    expect(joined(whole)).toEqual([...bytes]);
  });

  it('keeps each line’s size, weight and alignment as the bytes set them', () => {
    // ESC @, ESC a 1 (centre), ESC E 1 (bold), GS ! 0x11 (double), "TOTAL", LF, GS ! 0, ESC E 0, ESC a 0, "x", LF, cut.
    const bytes = Uint8Array.from([
      0x1b,
      0x40,
      0x1b,
      0x61,
      1,
      0x1b,
      0x45,
      1,
      0x1d,
      0x21,
      0x11,
      ...Buffer.from('TOTAL'),
      0x0a,
      0x1d,
      0x21,
      0,
      0x1b,
      0x45,
      0,
      0x1b,
      0x61,
      0,
      0x78,
      0x0a,
      0x1d,
      0x56,
      0x00,
    ]);
    const [paper] = decodeEscPos(bytes).papers;
    expect(paper).toEqual({
      cut: true,
      pieces: [
        { kind: 'text', text: 'TOTAL', bold: true, width: 2, height: 2, align: 'center' },
        { kind: 'text', text: 'x', bold: false, width: 1, height: 1, align: 'left' },
      ],
    });
  });

  it('keeps the newest papers and carries a paper not yet cut on into the next job', async () => {
    const small = await VirtualPrinter.start({ keep: 2 });
    try {
      const send = async (text: string, cut: boolean) => {
        const socket = net.connect(small.address);
        await new Promise((r) => socket.once('connect', r));
        const body = [...Buffer.from(`${text}\n`, 'latin1'), ...(cut ? [0x1d, 0x56, 0x00] : [])];
        socket.end(Uint8Array.from(body));
        await new Promise((r) => socket.once('close', r));
      };
      await send('one', true);
      await send('two', false);
      await send('two more', true);
      await send('three', true);
      const papers = await toPapers(small.roll());
      expect(papers.map(texts)).toEqual([['two', 'two more'], ['three']]);
    } finally {
      await small.close();
    }
  });
});
