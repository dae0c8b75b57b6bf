import { randomUUID } from 'node:crypto';
import { sendJson, type SandboxContext, type SandboxRouteHandler } from '../../../../electron/services/sandbox/types';

/** The fake provider's API in the built-in sandbox: links in memory, a `pay` control for the "customer". */
export interface FakeLink {
  id: string;
  orderReference: string;
  amountMinor: number;
  currency: string;
  status: 'open' | 'paid' | 'cancelled';
}

export const FAKE_BASE_PATH = '/fake/api/';

export function createFakeRoutes(keys: { readonly apiKey: string }): SandboxRouteHandler {
  const links = new Map<string, FakeLink>();
  return (ctx: SandboxContext) => {
    const { req, res, url } = ctx;
    if (!url.pathname.startsWith(FAKE_BASE_PATH)) return Promise.resolve(false);
    if (req.headers['x-api-key'] !== keys.apiKey) {
      sendJson(res, 401, { error: 'bad key' });
      return Promise.resolve(true);
    }
    const path = url.pathname.slice(FAKE_BASE_PATH.length).split('/');
    const link = path[1] ? links.get(path[1]) : undefined;
    if (path[0] !== 'links') sendJson(res, 404, { error: 'not found' });
    else if (path.length === 1 && req.method === 'POST') {
      const body = JSON.parse(ctx.body) as Omit<FakeLink, 'id' | 'status'>;
      const created: FakeLink = { ...body, id: randomUUID(), status: 'open' };
      links.set(created.id, created);
      sendJson(res, 201, { ...created, url: `${ctx.baseUrl}/fake/pay/${created.id}` });
    } else if (path.length === 1 && req.method === 'GET') {
      const wanted = url.searchParams.get('orderReference');
      sendJson(
        res,
        200,
        [...links.values()].filter((l) => wanted === null || l.orderReference === wanted),
      );
    } else if (!link) sendJson(res, 404, { error: 'no such link' });
    else if (path.length === 2 && req.method === 'GET') sendJson(res, 200, link);
    else if (path.length === 2 && req.method === 'DELETE') {
      link.status = 'cancelled';
      sendJson(res, 200, link);
    } else if (path[2] === 'pay' && req.method === 'POST' && link.status === 'open') {
      link.status = 'paid';
      sendJson(res, 200, link);
    } else sendJson(res, 409, { error: 'not possible' });
    return Promise.resolve(true);
  };
}
