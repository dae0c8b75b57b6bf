import type { PrinterConditionName } from '../../../../shared/ipc/channels/printer';

/** The clerk's words for each printer condition (renderer/src/i18n/locales, `printer.*`). */
export function conditionKey(condition: PrinterConditionName) {
  switch (condition) {
    case 'ready':
      return 'printer.ready' as const;
    case 'paper-out':
      return 'printer.paperOut' as const;
    case 'cover-open':
      return 'printer.coverOpen' as const;
    case 'offline':
      return 'printer.offline' as const;
    case 'unreachable':
      return 'printer.unreachable' as const;
  }
}
