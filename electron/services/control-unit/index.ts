export { ControlUnitError, type ControlUnit, type ControlUnitAnswer } from './port';
export { SimulatedControlUnit } from './simulated';
export { EfstaControlUnit } from './efsta';
export { controlUnits, type ControlUnitContext, type ControlUnitDescriptor } from './registry';
export { ControlUnitQueue, CONTROL_UNIT_FILE, type QueuedReceipt, type SubmitOutcome } from './queue';
export { controlUnitRecordTypes, CONTROL_UNIT_REQUEST_TYPE, CONTROL_UNIT_SIGNED_TYPE } from './records';
export { FiscalReceipts } from './fiscal-receipts';
