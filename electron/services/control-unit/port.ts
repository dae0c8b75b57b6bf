import type { ControlUnitKind, ControlUnitRequest } from '../../../shared/domain/fiscal';

/**
 * A control unit (kontrollenhet, SKVFS 2016:1) or control system: it receives a receipt's data
 * before the receipt is handed over and answers with its own serial number (tillverkningsnummer)
 * and the receipt's control code, both printed on the receipt. One module per kind, in
 * `registry.ts`, as the payment providers are.
 */
export interface ControlUnit {
  readonly kind: ControlUnitKind;
  /**
   * Signs one receipt. `resend` is set when the request may have reached the unit before (a
   * restart after it was sent): a unit with a recovery call uses it. Throws ControlUnitError.
   */
  sign(request: ControlUnitRequest, options?: { resend?: boolean; signal?: AbortSignal }): Promise<ControlUnitAnswer>;
}

export interface ControlUnitAnswer {
  readonly serial: string;
  readonly code: string;
  /**
   * True when the unit is not a certified one (the simulated unit): the receipt is then a training
   * receipt ("ÖVNING") whatever the sale.
   */
  readonly training: boolean;
}

/**
 * `unreachable`: no answer (network, timeout, the unit says try later) — the receipt waits and is
 * sent again. `refused`: the unit answered that the data is wrong — sending it again will not help;
 * a person must look (the receipt still waits, nothing is dropped).
 */
export class ControlUnitError extends Error {
  override readonly name = 'ControlUnitError';
  constructor(
    readonly kind: 'unreachable' | 'refused',
    message: string,
  ) {
    super(message);
  }
}
