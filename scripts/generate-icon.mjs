// Draws assets/icon.png (512×512): a dark rounded square with a white QR-like glyph, the thing a
// LinkPOS till shows all day. Deterministic, so re-running it gives the same bytes.
//   node scripts/generate-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const SIZE = 512;
const RADIUS = 104;
const BACKGROUND = [17, 24, 39]; // slate-900, the app's window background
const INK = [255, 255, 255];
const ACCENT = [52, 211, 153]; // emerald: "paid"

// A 21×21 grid like a version-1 QR code, centred with a margin.
const GRID = 21;
const CELL = 14;
const ORIGIN = Math.round((SIZE - GRID * CELL) / 2);

function isFinder(x, y) {
  for (const [fx, fy] of [
    [0, 0],
    [GRID - 7, 0],
    [0, GRID - 7],
  ]) {
    const dx = x - fx;
    const dy = y - fy;
    if (dx >= 0 && dx < 7 && dy >= 0 && dy < 7) {
      const ring = Math.min(dx, dy, 6 - dx, 6 - dy);
      return ring === 0 || ring >= 2 ? 'dark' : 'light';
    }
    if (dx >= -1 && dx <= 7 && dy >= -1 && dy <= 7) return 'light';
  }
  return null;
}

// Pseudo-random data modules from a fixed seed (a tiny LCG), so the icon never changes by accident.
let seed = 0x1f2e3d4c;
const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 1;
const modules = [];
for (let y = 0; y < GRID; y++) {
  for (let x = 0; x < GRID; x++) {
    const finder = isFinder(x, y);
    modules.push(finder === null ? next() === 1 : finder === 'dark');
  }
}

/** Coverage (0–1) of a pixel by the rounded square, 4×4 supersampled for smooth corners. */
function squareCoverage(px, py) {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = px + (sx + 0.5) / 4;
      const y = py + (sy + 0.5) / 4;
      const cx = Math.min(Math.max(x, RADIUS), SIZE - RADIUS);
      const cy = Math.min(Math.max(y, RADIUS), SIZE - RADIUS);
      if ((x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2) inside++;
    }
  }
  return inside / 16;
}

function moduleColour(px, py) {
  const gx = Math.floor((px - ORIGIN) / CELL);
  const gy = Math.floor((py - ORIGIN) / CELL);
  if (gx < 0 || gy < 0 || gx >= GRID || gy >= GRID || !modules[gy * GRID + gx]) return null;
  // The corner where a QR code has no finder pattern is drawn in the accent colour: "paid".
  return gx >= GRID - 5 && gy >= GRID - 5 ? ACCENT : INK;
}

const png = new PNG({ width: SIZE, height: SIZE });
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const colour = moduleColour(x, y) ?? BACKGROUND;
    png.data[i] = colour[0];
    png.data[i + 1] = colour[1];
    png.data[i + 2] = colour[2];
    png.data[i + 3] = Math.round(255 * squareCoverage(x, y));
  }
}

const out = fileURLToPath(new URL('../assets/icon.png', import.meta.url));
mkdirSync(fileURLToPath(new URL('../assets/', import.meta.url)), { recursive: true });
writeFileSync(out, PNG.sync.write(png, { colorType: 6 }));
console.log(`wrote ${out}`);
