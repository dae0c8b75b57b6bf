import { passes, ratio, type Figure } from './figure';

const fmt = (value: number | null | undefined, unit = ''): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

/** The one table `npm run bench` prints: figure | value | target | baseline | ratio | pass. */
export function renderTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'target', 'baseline', 'ratio', 'pass'];
  const rows = figures.map((f) => {
    const verdict = passes(f);
    const r = ratio(f);
    return [
      f.name,
      fmt(f.value, f.unit),
      f.target ? `${f.target.op} ${fmt(f.target.value, f.unit)}` : '',
      f.baseline !== undefined ? fmt(f.baseline, f.unit) : '',
      r === null ? '' : `${r.toFixed(2)}×`,
      verdict === null ? (f.value === null ? (f.id.endsWith('.error') ? 'ERROR' : 'pending') : '') : verdict ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.name}: ${f.note}`);
  return [line(header), rule, ...rows.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
