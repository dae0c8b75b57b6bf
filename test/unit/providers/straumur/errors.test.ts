import { describe, expect, it } from 'vitest';
import { mapStraumurError } from '../../../../electron/services/providers/straumur/errors';

const body = (errorCode: number | string, errorMessage = 'developer text') => ({
  errorMessage,
  errorCode,
  responseIdentifier: 'e3605f81-6b09-4ce1-83ad-5a8d49f3cd44',
});

describe('mapStraumurError', () => {
  it.each([
    [2002, /above zero/],
    [2011, /does not cover this currency/],
    [2016, /terminal identifier/],
    [2017, /length of the terminal identifier/],
    [2018, /already processed/],
    [2022, /minimum/],
    [2025, /after its discount/],
    [2026, /whole krónur/],
  ])('turns code %i into a rejected clerk sentence', (code, message) => {
    const error = mapStraumurError(400, body(code))!;
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(message);
    expect(error.detail).toEqual({ status: 400, providerCode: code });
  });

  it.each([1000, 1001, 1003, 1005, 1006])('reports malformed-request code %i as a LinkPOS fault for support', (code) => {
    const error = mapStraumurError(400, body(code))!;
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain(`code ${code}`);
    expect(error.message).toMatch(/support/);
  });

  it('maps 2014 and a bare 404 to not-found', () => {
    expect(mapStraumurError(400, body(2014))!.kind).toBe('not-found');
    expect(mapStraumurError(404, body(2014))!.kind).toBe('not-found');
    expect(mapStraumurError(404, null)!.kind).toBe('not-found');
  });

  it('maps 401 and 403 to auth whatever the body says', () => {
    expect(mapStraumurError(401, body(401))!.kind).toBe('auth');
    expect(mapStraumurError(403, 'not json')!.kind).toBe('auth');
  });

  it('keeps Straumur developer text out of the clerk message', () => {
    const error = mapStraumurError(400, body(2999, 'Field [secretThing] was bad'))!;
    expect(error.message).toBe('Straumur refused the request (code 2999).');
  });

  it('accepts the code as a numeric string', () => {
    expect(mapStraumurError(400, body('2026'))!.detail.providerCode).toBe(2026);
  });

  it('leaves 408, 429 and 5xx to the HTTP helper, which knows reads from writes', () => {
    for (const status of [408, 429, 500, 502, 503]) expect(mapStraumurError(status, body(2020))).toBeNull();
  });
});
