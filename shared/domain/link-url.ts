/**
 * Which payment-link URLs may become a QR code: https from the provider, or plain http only on a
 * loopback address (the built-in sandbox). Anything else — javascript:, data:, a LAN http address,
 * a URL with credentials in it, whitespace or backslashes that browsers "repair" — is refused, so a
 * compromised or buggy answer never reaches the customer's phone.
 *
 * Deliberately a strict pattern rather than the WHATWG URL parser: shared/ runs without the DOM or
 * Node, and for a security check it is better to refuse an exotic but valid URL (the providers'
 * links are plain ASCII) than to reason about a parser's repairs.
 */
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = `${HOST_LABEL}(?:\\.${HOST_LABEL})*`;
const PORT = '(?::\\d{1,5})?';
const REST = "(?:[/?#][A-Za-z0-9\\-._~!$&'()*+,;=:@%/?#]*)?";
const HTTPS_URL = new RegExp(`^https://(${HOST})${PORT}${REST}$`);
const LOOPBACK_HTTP_URL = new RegExp(`^http://(127(?:\\.\\d{1,3}){3}|localhost|\\[::1\\])${PORT}${REST}$`);

export function isEncodableLinkUrl(value: string): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  const https = HTTPS_URL.exec(value);
  if (https) return https[1]!.includes('.') || https[1] === 'localhost';
  return LOOPBACK_HTTP_URL.test(value);
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
