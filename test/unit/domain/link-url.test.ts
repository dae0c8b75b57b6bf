import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isEncodableLinkUrl } from '../../../shared/domain/link-url';

describe('isEncodableLinkUrl (which link URLs may become a QR code)', () => {
  it.each([
    'https://secure1.ft.ecster.se/pay/links/?7125D0126E4BC49EB15086709E08B400',
    'https://pay.example.com/link/30001aylo2a',
    'https://greidslugatt.straumur.is:443/x?y=1#z',
    'http://127.0.0.1:38139/pay/ecster/6E834493C5A588EF6661847CAB2AFA1A',
    'http://localhost:5000/pay/straumur/30001aylo2a',
    'http://[::1]:8080/pay',
  ])('accepts a provider https URL or the loopback sandbox: %s', (url) => {
    expect(isEncodableLinkUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'http://pay.example.com/link/1',
    'http://192.168.1.10/pay',
    'http://127.0.0.1.evil.com/pay',
    'https://user:pass@pay.example.com/',
    'https://pay.example.com@evil.com/',
    'https://pay.example.com/ link',
    'https://pay.example.com\\@evil.com',
    'https:/pay.example.com',
    '//pay.example.com/x',
    ' https://pay.example.com/',
    'https://pay.example.com/\n',
    'https://intranet/pay',
    '',
    'HTTPS://PAY.EXAMPLE.COM/',
  ])('refuses anything else: %j', (url) => {
    expect(isEncodableLinkUrl(url)).toBe(false);
  });

  it('never accepts a string with whitespace, a backslash or a control character', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(' ', '\\', '\n', '\t', '\u0000', '\u007f'), fc.string(), (a, bad, b) => {
        expect(isEncodableLinkUrl(`https://pay.example.com/${a}${bad}${b}`)).toBe(false);
      }),
    );
  });
});
