import type { Printable } from '../../../../shared/ipc/channels/history';

/**
 * The print page a shell loads to print or make a PDF: `?view=receipt&id=…[&copy=1][&refund=n][&electronic=1]`,
 * `?view=report&kind=x&upToSeq=…` or `?view=report&kind=z&number=…[&copy=1]` (the same query in the
 * desktop app's index.html and at the web host's root). Anything else is not a print page.
 */
export function parsePrintView(search: string): Printable | null {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const whole = (name: string) => {
    const text = params.get(name);
    return text !== null && /^\d{1,12}$/.test(text) ? Number(text) : null;
  };
  if (view === 'receipt') {
    const id = params.get('id');
    const refund = whole('refund');
    if (!id || (params.has('refund') && (refund === null || refund < 1))) return null;
    return {
      kind: 'receipt',
      id,
      copy: params.get('copy') === '1',
      ...(refund !== null ? { refund } : {}),
      ...(params.get('electronic') === '1' ? { electronic: true } : {}),
    };
  }
  if (view === 'report') {
    const kind = params.get('kind');
    if (kind === 'x') {
      const upToSeq = whole('upToSeq');
      return upToSeq === null ? null : { kind: 'x-report', upToSeq };
    }
    if (kind === 'z') {
      const number = whole('number');
      if (number === null || number < 1) return null;
      return params.get('copy') === '1' ? { kind: 'z-report', number, copy: true } : { kind: 'z-report', number };
    }
  }
  return null;
}
