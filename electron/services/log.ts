/**
 * The main process's logger. Deliberately tiny: lines go to a sink (stderr, a file), and every
 * message passes through `redact`, which removes any registered secret however it is encoded.
 * Credentials are registered the moment they are read or set, so no code path can log one.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export class Redactor {
  private readonly secrets = new Set<string>();

  register(secret: string): void {
    if (secret.length < 4) return;
    this.secrets.add(secret);
    this.secrets.add(Buffer.from(secret, 'utf8').toString('base64'));
    this.secrets.add(Buffer.from(secret, 'utf8').toString('hex'));
    this.secrets.add(encodeURIComponent(secret));
    // Log fields are JSON: a secret containing a quote or a backslash appears escaped there.
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    return out;
  }
}

export function createLogger(sink: (line: string) => void, redactor: Redactor): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    let extra = '';
    if (fields) {
      try {
        extra = ' ' + JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
      } catch {
        extra = ' [unserialisable fields]';
      }
    }
    sink(redactor.redact(`${new Date().toISOString()} ${level} ${message}${extra}`));
  };
  return {
    info: (m, f) => write('INFO', m, f),
    warn: (m, f) => write('WARN', m, f),
    error: (m, f) => write('ERROR', m, f),
  };
}
