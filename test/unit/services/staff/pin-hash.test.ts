import { describe, expect, it } from 'vitest';
import { hashPin, PIN_SCRYPT, verifyPin } from '../../../../electron/services/staff/pin-hash';

describe('PIN hashing (scrypt)', () => {
  it('verifies the right PIN and refuses any other', async () => {
    const stored = await hashPin('4071');
    expect(await verifyPin('4071', stored)).toBe(true);
    expect(await verifyPin('4072', stored)).toBe(false);
    expect(await verifyPin('40710', stored)).toBe(false);
  });

  it('keeps the documented parameters with each hash, and a fresh salt every time', async () => {
    const a = await hashPin('4071');
    const b = await hashPin('4071');
    expect(a).toMatchObject({ alg: 'scrypt', N: PIN_SCRYPT.N, r: PIN_SCRYPT.r, p: PIN_SCRYPT.p });
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(PIN_SCRYPT.saltLength);
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(PIN_SCRYPT.keyLength);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('4071');
  });

  it('checks a hash made with other parameters by the parameters stored with it', async () => {
    const stored = await hashPin('80461935');
    expect(await verifyPin('80461935', { ...stored })).toBe(true);
    expect(await verifyPin('80461935', { ...stored, N: stored.N / 2 })).toBe(false);
  });
});
