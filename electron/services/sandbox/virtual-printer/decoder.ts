/**
 * Reads ESC/POS bytes back into what a printer would put on paper: text lines per cut-off slip,
 * cuts, drawer pulses, the code pages selected and the status queries, and each slip as a paper
 * (its lines with their weight, size and alignment, its pictures and QR codes) for the demo's
 * virtual printer to show. Text is decoded with the code page the bytes selected (ESC t), never
 * assumed, so a test proves each letter prints as itself. A command it does not know is an error:
 * a new command must be understood, not skipped. The tests read printed bytes with this decoder
 * too: one reading of ESC/POS, not two.
 */

/** One thing on a paper, top to bottom. An image's `bits` are its rows, (width / 8) bytes each, the high bit first, 1 black. */
export type PaperPiece =
  | { kind: 'text'; text: string; bold: boolean; width: number; height: number; align: 'left' | 'center' | 'right' }
  | { kind: 'image'; width: number; height: number; bits: Uint8Array }
  | { kind: 'qr'; data: string };

/** A slip as it came out of the printer: cut off, or still on the roll (the last one). */
export interface DecodedPaper {
  pieces: PaperPiece[];
  cut: boolean;
}
export interface DecodedPrint {
  /** Text lines of each slip, cut to cut (a slip not yet cut is the last one). */
  slips: string[][];
  cuts: number;
  drawerPulses: number;
  /** Every ESC t n selection, in order. */
  codepages: number[];
  /** Every DLE EOT n status query, in order. */
  statusQueries: number[];
  /** Lines printed in bold (emphasised) anywhere, in order. */
  boldLines: string[];
  /** GS v 0 raster images: dots across, rows, and how many dots are black; `line` is the slip line they print before. */
  images: { width: number; height: number; black: number; slip: number; line: number }[];
  /** QR codes printed (GS ( k store, then print): their data, with the slip line they print before. */
  qrCodes: { data: string; slip: number; line: number }[];
  /** Lines printed larger than normal (GS !), with their width and height multipliers, in order. */
  largeLines: { text: string; width: number; height: number }[];
  /** Each slip as a paper, in order (the same slips as `slips`). */
  papers: DecodedPaper[];
}

const alignments = ['left', 'center', 'right'] as const;

// Windows-1252 above 0x7f. Not TextDecoder('windows-1252'): Node's decodes 0x80–0x9f as Latin-1
// control characters (https://github.com/nodejs/node/issues/56542), which would hide € and the dashes.
const cp1252High =
  '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ' +
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

// ESC t n: the code pages LinkPOS may select (Epson's numbering): 0 is PC437, 16 Windows-1252.
function decodeText(bytes: number[], codepage: number): string {
  if (bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  if (codepage !== 16) throw new Error(`escpos-decoder: text above ASCII in code page ${codepage}, which the decoder cannot read`);
  return bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : cp1252High[b - 0x80]!)).join('');
}

export function decodeEscPos(input: Uint8Array | Buffer): DecodedPrint {
  const data = [...input];
  const result: DecodedPrint = {
    slips: [],
    cuts: 0,
    drawerPulses: 0,
    codepages: [],
    statusQueries: [],
    boldLines: [],
    images: [],
    qrCodes: [],
    largeLines: [],
    papers: [],
  };
  let pieces: PaperPiece[] = [];
  let align: (typeof alignments)[number] = 'left';
  let lineAlign: (typeof alignments)[number] = align;
  let storedQr: string | null = null;
  let slip: string[] = [];
  let pending: number[] = [];
  let codepage = 0;
  let bold = false;
  let lineBold = false;
  let size = { width: 1, height: 1 };
  let lineSize = { width: 1, height: 1 };

  const endLine = () => {
    const text = decodeText(pending, codepage).replace(/\s+$/, '');
    slip.push(text);
    pieces.push({ kind: 'text', text, bold: lineBold && text.trim() !== '', ...lineSize, align: lineAlign });
    if (lineBold && text.trim()) result.boldLines.push(text.trim());
    if ((lineSize.width > 1 || lineSize.height > 1) && text.trim()) result.largeLines.push({ text: text.trim(), ...lineSize });
    pending = [];
    lineBold = bold;
    lineAlign = align;
    lineSize = { width: 1, height: 1 };
  };
  const blank = (piece: PaperPiece | undefined) => piece?.kind === 'text' && piece.text === '';
  const endSlip = (cut: boolean) => {
    if (pending.length) endLine();
    // Blank paper fed before the text (the line feed the encoder sends after a cut) or before the cut.
    while (slip.length && slip[slip.length - 1] === '') slip.pop();
    while (slip.length && slip[0] === '') slip.shift();
    while (blank(pieces.at(-1))) pieces.pop();
    while (blank(pieces[0])) pieces.shift();
    result.slips.push(slip);
    result.papers.push({ pieces, cut });
    slip = [];
    pieces = [];
  };
  const need = (i: number, n: number) => {
    if (i + n > data.length) throw new Error(`escpos-decoder: command at byte ${i} is cut short`);
  };

  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    if (b === 0x0a) {
      endLine();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x1b) {
      need(i, 2);
      const c = data[i + 1]!;
      switch (c) {
        case 0x40: // ESC @ initialise: also clears a line not yet printed, as a printer does
          pending = [];
          codepage = 0;
          bold = false;
          align = 'left';
          i += 2;
          break;
        case 0x74: // ESC t n code page
          need(i, 3);
          codepage = data[i + 2]!;
          result.codepages.push(codepage);
          i += 3;
          break;
        case 0x45: // ESC E n bold
          need(i, 3);
          bold = (data[i + 2]! & 1) === 1;
          if (bold) lineBold = true;
          i += 3;
          break;
        case 0x61: // ESC a n alignment (0/48 left, 1/49 centre, 2/50 right), from the next line's start
          need(i, 3);
          align = alignments[data[i + 2]! % 48] ?? 'left';
          if (pending.length === 0) lineAlign = align;
          i += 3;
          break;
        case 0x4d: // ESC M n font
        case 0x2d: // ESC - n underline
        case 0x21: // ESC ! n print mode
        case 0x33: // ESC 3 n line spacing
        case 0x34: // ESC 4 n italic
        case 0x4a: // ESC J n feed dots
          need(i, 3);
          i += 3;
          break;
        case 0x32: // ESC 2 default line spacing
          i += 2;
          break;
        case 0x64: // ESC d n feed n lines
          need(i, 3);
          for (let n = 0; n < data[i + 2]!; n++) endLine();
          i += 3;
          break;
        case 0x70: // ESC p m t1 t2 drawer pulse
          need(i, 5);
          result.drawerPulses += 1;
          i += 5;
          break;
        default:
          throw new Error(`escpos-decoder: unknown command ESC 0x${c.toString(16)} at byte ${i}`);
      }
    } else if (b === 0x1d) {
      need(i, 2);
      const c = data[i + 1]!;
      if (c === 0x56) {
        // GS V m [n]: cut (m 65/66 take a feed count)
        need(i, 3);
        const m = data[i + 2]!;
        i += m === 65 || m === 66 ? 4 : 3;
        result.cuts += 1;
        endSlip(true);
      } else if (c === 0x21) {
        // GS ! n: character size, width multiplier in the high nibble, height in the low
        need(i, 3);
        const n = data[i + 2]!;
        size = { width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
        i += 3;
      } else if (c === 0x42 || c === 0x61 || c === 0x72) {
        // GS B invert, GS a status back, GS r n status request (answered by the printer, prints nothing)
        need(i, 3);
        i += 3;
      } else if (c === 0x28) {
        // GS ( fn pL pH ...: symbols. For a QR code (GS ( k, cn 49): fn 80 stores the data, fn 81 prints it.
        need(i, 5);
        const size = data[i + 3]! + data[i + 4]! * 256;
        need(i, 5 + size);
        if (data[i + 2] === 0x6b && data[i + 5] === 0x31) {
          const fn = data[i + 6];
          if (fn === 0x50) storedQr = String.fromCharCode(...data.slice(i + 8, i + 5 + size));
          if (fn === 0x51) {
            if (storedQr === null) throw new Error(`escpos-decoder: a QR code printed at byte ${i} with no data stored`);
            result.qrCodes.push({ data: storedQr, slip: result.slips.length, line: slip.length });
            pieces.push({ kind: 'qr', data: storedQr });
          }
        }
        i += 5 + size;
      } else if (c === 0x76) {
        // GS v 0 m xL xH yL yH d1...dk: a raster image, (xL + xH·256) bytes across, (yL + yH·256) rows
        need(i, 8);
        if (data[i + 2] !== 0x30) throw new Error(`escpos-decoder: unknown command GS v 0x${data[i + 2]!.toString(16)} at byte ${i}`);
        const across = data[i + 4]! + data[i + 5]! * 256;
        const rows = data[i + 6]! + data[i + 7]! * 256;
        need(i, 8 + across * rows);
        const bits = Uint8Array.from(data.slice(i + 8, i + 8 + across * rows));
        let black = 0;
        for (const byte of bits) for (let bit = 0; bit < 8; bit++) black += (byte >> bit) & 1;
        result.images.push({ width: across * 8, height: rows, black, slip: result.slips.length, line: slip.length });
        pieces.push({ kind: 'image', width: across * 8, height: rows, bits });
        i += 8 + across * rows;
      } else throw new Error(`escpos-decoder: unknown command GS 0x${c.toString(16)} at byte ${i}`);
    } else if (b === 0x1c) {
      need(i, 2);
      if (data[i + 1] !== 0x2e) throw new Error(`escpos-decoder: unknown command FS 0x${data[i + 1]!.toString(16)} at byte ${i}`);
      i += 2; // FS . cancel Kanji mode
    } else if (b === 0x10) {
      need(i, 3);
      if (data[i + 1] !== 0x04) throw new Error(`escpos-decoder: unknown command DLE 0x${data[i + 1]!.toString(16)} at byte ${i}`);
      result.statusQueries.push(data[i + 2]!);
      i += 3;
    } else if (b < 0x20) {
      throw new Error(`escpos-decoder: unknown control byte 0x${b.toString(16)} at byte ${i}`);
    } else {
      if (pending.length === 0) {
        lineBold = bold;
        lineAlign = align;
      }
      // A line is as large as its largest printed letter (centring pads with normal-size spaces).
      if (b !== 0x20 && size.width * size.height > lineSize.width * lineSize.height) lineSize = size;
      pending.push(b);
      i += 1;
    }
  }
  // A line feed after the last cut is not a slip.
  if (pending.length || slip.some((line) => line !== '') || pieces.some((piece) => !blank(piece))) endSlip(false);
  return result;
}

/** All text lines of all slips, for a quick look. */
export function printedLines(decoded: DecodedPrint): string[] {
  return decoded.slips.flat();
}
