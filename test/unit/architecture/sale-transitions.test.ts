import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refundTransitions } from '../../../electron/services/sales/refund-machine';
import { transitions, type SaleEvent } from '../../../electron/services/sales/sale-machine';

/** ARCHITECTURE.md's sale table as data: event → from and to, with the prose in parentheses dropped. */
function documentedTransitions(): Record<string, { from: string[]; to: string[] }> {
  const text = readFileSync(join(__dirname, '../../../ARCHITECTURE.md'), 'utf8');
  const section = text.slice(text.indexOf('## The sale state machine'), text.indexOf('## The sales journal'));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| record'));
  const table: Record<string, { from: Set<string>; to: Set<string> }> = {};
  const list = (cell: string) =>
    cell
      .replace(/\([^)]*\)/g, '')
      .replace(/:.*$/, '')
      .split(',')
      .map((item) => item.trim().replace(/ /g, '-'))
      .filter((item) => item !== '' && item !== '—');
  for (const row of rows) {
    const [record = '', from = '', to = ''] = row.split('|').slice(1, -1);
    const name = /`([^`]+)`/.exec(record)?.[1] ?? '';
    const kind = /^(status|order) /.exec(record.trim())?.[1];
    const event = kind ? `${kind} ${name}` : name;
    const entry = (table[event] ??= { from: new Set(), to: new Set() });
    for (const state of list(from)) entry.from.add(state);
    for (const state of list(to)) entry.to.add(state);
  }
  return Object.fromEntries(Object.entries(table).map(([event, { from, to }]) => [event, { from: [...from].sort(), to: [...to].sort() }]));
}

describe('the sale state machine as ARCHITECTURE.md tells it', () => {
  it('has exactly the transitions of the table the machine runs on', () => {
    const code = Object.fromEntries(
      (Object.entries(transitions) as [SaleEvent, (typeof transitions)[SaleEvent]][]).map(([event, { from, to }]) => [
        event,
        { from: [...from].sort(), to: [...to].sort() },
      ]),
    );
    expect(documentedTransitions()).toEqual(code);
  });
});

describe('the refund machine as ARCHITECTURE.md tells it', () => {
  it('has exactly the transitions of the table the refund machine runs on', () => {
    const text = readFileSync(join(__dirname, '../../../ARCHITECTURE.md'), 'utf8');
    const section = text.slice(text.indexOf('## Refunds: the refund machine'), text.indexOf('## Architecture invariants'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const documented = Object.fromEntries(
      rows.map((row) => {
        const [record = '', from = '', to = ''] = row.split('|').slice(1, -1);
        const states = (cell: string) =>
          cell
            .split(',')
            .map((s) => s.trim().replace(/ /g, '-'))
            .sort();
        return [/`([^`]+)`/.exec(record)?.[1] ?? '', { from: states(from), to: to.trim() }];
      }),
    );
    const code = Object.fromEntries(
      Object.entries(refundTransitions).map(([event, { from, to }]) => [event, { from: [...from].sort(), to }]),
    );
    expect(documented).toEqual(code);
  });
});
