import type { ControlUnitKind } from '../../../shared/domain/fiscal';
import type { Settings } from '../../../shared/domain/settings';
import { EfstaControlUnit } from './efsta';
import type { ControlUnit } from './port';
import { SimulatedControlUnit } from './simulated';

/** What a control unit module needs from the till to make its unit. */
export interface ControlUnitContext {
  /** The till's identity (its code names the simulated unit; efsta's terminal is the till designation). */
  till: { id: string; code: string };
  settings: Settings['sweden'];
  fetch?: typeof fetch;
}

export interface ControlUnitDescriptor {
  readonly kind: ControlUnitKind;
  create(context: ControlUnitContext): ControlUnit;
}

/** One line per kind of control unit, as the payment providers' registry. */
export const controlUnits: Readonly<Record<ControlUnitKind, ControlUnitDescriptor>> = {
  simulated: {
    kind: 'simulated',
    create: ({ till }) => new SimulatedControlUnit(simulatedSerial(till.code), `linkpos-simulated-control-unit:${till.id}`),
  },
  efsta: {
    kind: 'efsta',
    create: ({ settings, fetch }) =>
      new EfstaControlUnit({
        baseUrl: settings.controlUnit.efstaUrl,
        location: '001',
        terminal: settings.tillDesignation || '1',
        ...(fetch ? { fetch } : {}),
      }),
  },
};

/**
 * The simulated unit's serial: `SIM-SE-<till code>-001`, 17 characters as a control unit's
 * serial number is in Skatteverket's journal-memory format (TillverkningsnummerForKontrollenheten).
 * Till codes are six characters; a shorter or longer one is padded or cut so the length holds.
 */
export function simulatedSerial(tillCode: string): string {
  return `SIM-SE-${tillCode.slice(0, 6).padEnd(6, '0')}-001`;
}
