const APP_NAME = 'LinkPOS';
const MAX_SHOP_NAME = 60;

/** "LinkPOS — Shop name", with " — DEMO" so nobody mistakes a sandbox sale for a real one. */
export function windowTitle(options: { shopName: string; demo: boolean }): string {
  // Control characters would garble the title bar; the name is typed in by the merchant.
  const shop = String(options.shopName ?? '')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point of this pattern.
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SHOP_NAME)
    .trim();
  const base = shop === '' ? APP_NAME : `${APP_NAME} — ${shop}`;
  return options.demo === true ? `${base} — DEMO` : base;
}

/** Channels whose success may change the shop name or demo mode, and so the title. */
export const titleChangingChannels: ReadonlySet<string> = new Set(['settings:save', 'credentials:set', 'credentials:clear']);
