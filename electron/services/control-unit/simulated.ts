import { createHmac } from 'node:crypto';
import type { ControlUnitRequest } from '../../../shared/domain/fiscal';
import { ControlUnitError, type ControlUnit, type ControlUnitAnswer } from './port';

/**
 * The built-in simulated control unit: demo mode's and the tests' unit. It answers as a real one
 * does — its serial number and a control code per receipt, computed over the receipt's data
 * (HMAC-SHA256 with the unit's own key, base32, 32 characters, so the same receipt always gets the
 * same code and any changed field another) — but it is not certified, so every receipt it signs is
 * a training receipt ("ÖVNING"). It can be made unreachable (Settings' test switch, the web host's
 * LINKPOS_CONTROL_UNIT_FAULT, tests) to show what a till does while the unit is away.
 */
export class SimulatedControlUnit implements ControlUnit {
  readonly kind = 'simulated' as const;
  private reachable = true;
  /** Receipts signed, for tests that count signatures. */
  signed = 0;

  constructor(
    readonly serial: string,
    private readonly key: string,
  ) {}

  private switchedOn: () => boolean = () => true;

  setReachable(reachable: boolean): void {
    this.reachable = reachable;
  }

  /** Reachable only while this says so too (the sandbox's switch, in the app). */
  reachableWhen(check: () => boolean): void {
    this.switchedOn = check;
  }

  isReachable(): boolean {
    return this.reachable && this.switchedOn();
  }

  sign(request: ControlUnitRequest): Promise<ControlUnitAnswer> {
    if (!this.isReachable()) return Promise.reject(new ControlUnitError('unreachable', 'The simulated control unit is switched off.'));
    this.signed += 1;
    return Promise.resolve({ serial: this.serial, code: simulatedControlCode(this.key, request), training: true });
  }
}

/** The fields the code is computed over, in a fixed order (what a receipt is signed over). */
export function signedText(request: ControlUnitRequest): string {
  const vat = request.vat.map((v) => `${v.vatRate}:${v.vatMinor}`).join(',');
  return [
    request.organisationNumber,
    request.tillDesignation,
    request.at,
    request.receiptNumber,
    request.kind,
    request.currency,
    request.totalMinor,
    vat,
  ].join(';');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function simulatedControlCode(key: string, request: ControlUnitRequest): string {
  const mac = createHmac('sha256', key).update(signedText(request)).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 32) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= 0xff;
  }
  return out;
}
