export { StreamReader, VirtualPrinter, type VirtualPaper } from './printer';
export { toPapers } from './paper-roll';
