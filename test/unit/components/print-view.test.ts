import { describe, expect, it } from 'vitest';
import { printPageQuery } from '../../../electron/services/receipts/output';
import { parsePrintView } from '../../../renderer/src/components/receipt/print-view';
import type { Printable } from '../../../shared/ipc/channels/history';

/** The print page a shell loads reads back exactly the document main asked for. */
describe('the print page’s query', () => {
  const documents: Printable[] = [
    { kind: 'receipt', id: 'sale-1', copy: false },
    { kind: 'receipt', id: 'sale-1', copy: true, refund: 2 },
    // The e-mailed receipt's PDF: a Swedish receipt says "Elektroniskt kassakvitto" on it.
    { kind: 'receipt', id: 'sale-1', copy: false, electronic: true },
    { kind: 'x-report', upToSeq: 40 },
    { kind: 'z-report', number: 3 },
  ];
  for (const document of documents)
    it(`round-trips ${JSON.stringify(document)}`, () => {
      expect(parsePrintView(`?${printPageQuery(document).toString()}`)).toEqual(document);
    });
});
