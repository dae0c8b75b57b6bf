/**
 * The renderer's Content Security Policy, sent as a header by the app:// protocol and repeated in
 * renderer/index.html's meta tag (which also covers the web host and the Vite preview).
 *
 * - script-src 'self': only the shipped bundle runs; no inline script, no eval.
 * - style-src 'self': the build extracts CSS to files and React's `style` prop goes through the
 *   CSSOM, which CSP does not police, so 'unsafe-inline' is not needed.
 * - img-src data: QR codes are rendered to data: URLs.
 * - connect-src 'self': the renderer never talks to a payment provider; in the desktop app it has
 *   IPC, in the web host the API is same-origin.
 * - frame-ancestors is ignored in a meta tag but honoured in the header.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  // data: for the short scan and payment sounds the renderer ships inline.
  'media-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Parses a CSP string into directive → sources (lower-cased names, last duplicate ignored as browsers do). */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name === undefined) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

/** Headers on every app:// response, the 404s included. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
});
