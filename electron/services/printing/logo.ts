import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { readBytesIfExists, writeFileAtomic } from '../catalog/atomic-file';

/**
 * The receipt logo: a PNG the owner chose in Settings, kept in the data directory as
 * `receipt-logo.png`, flattened onto white and made no wider than an 80 mm roll prints (576 dots),
 * so the slip never waits on a large photo. The encoder thresholds it to black and white.
 */
export const LOGO_FILE = 'receipt-logo.png';
/** The widest a thermal printer prints (80 mm, 203 dpi), and a height that keeps a logo a logo. */
export const LOGO_MAX_WIDTH = 576;
export const LOGO_MAX_HEIGHT = 320;
/** A chosen file larger than this is refused before it is read as a picture. */
export const LOGO_MAX_BYTES = 2_000_000;

/** RGBA pixels, as the encoder's `image()` takes them. */
export interface LogoImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export class LogoUnreadable extends Error {
  override readonly name = 'LogoUnreadable';
}

/** Reads a PNG, puts it on white, and scales it down (box average) to fit the largest logo. */
export function normaliseLogo(bytes: Uint8Array): LogoImage {
  if (bytes.length > LOGO_MAX_BYTES) throw new LogoUnreadable(`The logo is larger than ${LOGO_MAX_BYTES} bytes.`);
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch (error) {
    throw new LogoUnreadable(`The logo is not a PNG image: ${(error as Error).message}`);
  }
  const { width, height, data } = png;
  if (width < 1 || height < 1) throw new LogoUnreadable('The logo has no pixels.');
  const scale = Math.min(1, LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      let sum = 0;
      let n = 0;
      for (let sy = y0; sy < y1; sy++)
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * width + sx) * 4;
          const alpha = data[i + 3]! / 255;
          // Luminance, on white where the picture is transparent.
          const grey = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
          sum += grey * alpha + 255 * (1 - alpha);
          n += 1;
        }
      const value = Math.round(sum / n);
      const o = (y * w + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = value;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: w, height: h };
}

export function logoToPng(logo: LogoImage): Buffer {
  const png = new PNG({ width: logo.width, height: logo.height });
  png.data = Buffer.from(logo.data);
  return PNG.sync.write(png);
}

/** The logo file in the data directory. */
export class LogoStore {
  private cached: LogoImage | null | undefined;

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, LOGO_FILE);
  }

  /** Keeps the chosen PNG, normalised; throws LogoUnreadable for anything that is not one. */
  async save(bytes: Uint8Array): Promise<LogoImage> {
    const logo = normaliseLogo(bytes);
    await writeFileAtomic(this.file, logoToPng(logo));
    this.cached = logo;
    return logo;
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
    this.cached = null;
  }

  /** The logo, or null when none was chosen (or its file cannot be read: the slip prints without it). */
  async read(): Promise<LogoImage | null> {
    if (this.cached !== undefined) return this.cached;
    const bytes = await readBytesIfExists(this.file);
    try {
      this.cached = bytes ? normaliseLogo(bytes) : null;
    } catch {
      this.cached = null;
    }
    return this.cached;
  }
}
