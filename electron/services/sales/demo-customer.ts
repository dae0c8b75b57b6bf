import type { SaleView } from '../../../shared/domain/sale';
import { DomainError } from '../errors';
import { msg } from '../../../shared/messages';

export interface DemoCustomerDeps {
  get(id: string): SaleView;
  checkNow(id: string): Promise<SaleView>;
  /** The embedded sandbox's base URL; only links under it can be acted on. */
  sandboxUrl: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * "Customer pays (demo)": presses Pay or Decline on a demo sale's sandbox page from the till, the
 * way a customer's phone would, then checks the sale at once. Refused for anything that is not a
 * demo sale whose link lives in the embedded sandbox — it can never touch a real provider.
 */
export async function actAsDemoCustomer(deps: DemoCustomerDeps, id: string, action: 'pay' | 'decline'): Promise<SaleView> {
  const sale = deps.get(id);
  if (!sale.demo || !sale.link || !isSandboxPage(sale.link.url, deps.sandboxUrl)) {
    throw new DomainError('rejected', msg('saleDemoOnly'));
  }
  const url = `${deps.sandboxUrl}/__sandbox/${sale.provider}/links/${encodeURIComponent(sale.link.reference)}/${action}`;
  const response = await (deps.fetch ?? fetch)(url, { method: 'POST', signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new DomainError('provider-rejected', msg('saleDemoRefused'));
  return deps.checkNow(id);
}

/**
 * A page of the embedded sandbox: under its address now, or on this computer's loopback address
 * (a demo link made before a restart, when the sandbox could not have its old port again — the
 * sandbox still knows the link by its reference). Never a page anywhere else.
 */
function isSandboxPage(url: string, sandboxUrl: string): boolean {
  if (url.startsWith(`${sandboxUrl}/pay/`)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1' && parsed.pathname.startsWith('/pay/');
  } catch {
    return false;
  }
}
