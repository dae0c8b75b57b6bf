import { describe, expect, it } from 'vitest';
import { createLogger, Redactor } from '../../../electron/services/log';

describe('the logger never writes a registered secret', () => {
  const secret = 'k3y"with\\quote-and-backslash';

  it.each([
    ['in the message', (log: ReturnType<typeof createLogger>) => log.info(`calling with ${secret}`)],
    [
      'in a field, where JSON escapes its quote and backslash',
      (log: ReturnType<typeof createLogger>) => log.warn('provider call', { header: secret }),
    ],
    ['inside an error field', (log: ReturnType<typeof createLogger>) => log.error('failed', { error: new Error(`rejected ${secret}`) })],
    ['base64-encoded', (log: ReturnType<typeof createLogger>) => log.info(Buffer.from(secret).toString('base64'))],
  ])('%s', (_where, write) => {
    const lines: string[] = [];
    const redactor = new Redactor();
    redactor.register(secret);
    write(createLogger((line) => lines.push(line), redactor));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[redacted]');
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), 'k3y', 'backslash']) expect(lines[0]).not.toContain(form);
  });
});
