import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { Paper, PaperPiece } from '../../../../shared/ipc/channels/printer';
import type { PaperPiece as DecodedPiece } from './decoder';
import type { VirtualPaper } from './printer';

/**
 * The virtual printer's papers as the renderer shows them (shared/ipc/channels/printer.ts): text
 * as printed, a raster picture as a PNG of its dots, and a QR code as a PNG the size a printer
 * with module size 6 would make it (the data is passed along, so a test can read it).
 */

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** A GS v 0 raster image (rows of width/8 bytes, high bit first, 1 black) as a black-on-white PNG. */
export function rasterPng(width: number, height: number, bits: Uint8Array): Buffer {
  const png = new PNG({ width, height });
  const across = width / 8;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const black = ((bits[y * across + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const at = (y * width + x) * 4;
      png.data.fill(black ? 0 : 255, at, at + 3);
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

async function piece(decoded: DecodedPiece): Promise<PaperPiece> {
  if (decoded.kind === 'text') return decoded;
  if (decoded.kind === 'image') {
    return {
      kind: 'image',
      src: dataUrl(rasterPng(decoded.width, decoded.height, decoded.bits)),
      width: decoded.width,
      height: decoded.height,
      qr: null,
    };
  }
  const scale = 6;
  const src = await QRCode.toDataURL(decoded.data, { errorCorrectionLevel: 'M', margin: 0, scale });
  const size = QRCode.create(decoded.data, { errorCorrectionLevel: 'M' }).modules.size * scale;
  return { kind: 'image', src, width: size, height: size, qr: decoded.data };
}

export async function toPapers(roll: readonly VirtualPaper[]): Promise<Paper[]> {
  return Promise.all(
    roll.map(async (paper) => ({
      pieces: await Promise.all(paper.pieces.map(piece)),
      cut: paper.cut,
      printedAt: new Date(paper.printedAt).toISOString(),
    })),
  );
}
