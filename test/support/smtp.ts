import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/**
 * A local SMTP server for the tests (the merchant's mail server stands outside the product). It
 * listens on 127.0.0.1 with no TLS, takes one user's login and keeps every message it accepts,
 * split into the parts the tests read: the text body and the attachments, decoded.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  headers: Map<string, string>;
  text: string;
  attachments: { fileName: string; contentType: string; bytes: Buffer }[];
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  mails: ReceivedMail[];
  /** Answer every message with this permanent error (null: accept). */
  rejectWith: string | null;
  close(): Promise<void>;
}

export async function startSmtpServer(login: { user: string; password: string }): Promise<TestSmtpServer> {
  const state: TestSmtpServer = { port: 0, mails: [], rejectWith: null, close: () => Promise.resolve() };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.rejectWith) {
          const error = Object.assign(new Error(state.rejectWith), { responseCode: 554 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        state.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          ...parseMime(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Just enough MIME for what nodemailer writes: multipart/mixed with base64 parts. */
function parseMime(raw: string): Pick<ReceivedMail, 'headers' | 'text' | 'attachments'> {
  const [head = '', body = ''] = splitOnce(raw, /\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  let text = '';
  const attachments: ReceivedMail['attachments'] = [];
  for (const part of parts) {
    const [partHead = '', partBody = ''] = splitOnce(part.replace(/^\r?\n/, ''), /\r?\n\r?\n/);
    const h = parseHeaders(partHead);
    const encoding = (h.get('content-transfer-encoding') ?? '').toLowerCase();
    const bytes = encoding === 'base64' ? Buffer.from(partBody.replace(/\s+/g, ''), 'base64') : Buffer.from(partBody, 'utf8');
    const type = (h.get('content-type') ?? '').split(';')[0]!.trim();
    const fileName = /filename="?([^";\r\n]+)"?/.exec(h.get('content-disposition') ?? h.get('content-type') ?? '')?.[1];
    if (fileName) attachments.push({ fileName, contentType: type, bytes });
    else if (type === 'text/plain') text = bytes.toString('utf8');
  }
  return { headers, text, attachments };
}

function splitOnce(text: string, separator: RegExp): [string, string] {
  const match = separator.exec(text);
  if (!match) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A one-page PDF with these lines of text (Helvetica, Latin-1), for tests in Node where no browser
 * draws the receipt: pdftotext reads it back as any PDF.
 */
export function textPdf(lines: readonly string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 10 Tf 20 800 Td 12 TL ${lines.map((l) => `(${escape(l)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
