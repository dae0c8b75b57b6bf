import type { ControlUnitRequest } from '../../../shared/domain/fiscal';
import { ControlUnitError, type ControlUnit, type ControlUnitAnswer } from './port';

/**
 * efsta's EFR (Electronic Fiscal Register) as the control unit, written from its public
 * documentation (README "Swedish cash-register rules" names the pages):
 * - `POST <EFR>/register` with the transaction as XML (`<Tra><ESR …><PosA><Pos …/></PosA><PayA>
 *   <Pay …/></PayA></ESR></Tra>`); the answer comes in the request's format, XML here.
 * - The answer's `<Result RC="…">`: `OK` (print), `BAD` (invalid data: do not retry), `NO` (try
 *   again later); HTTP 200, 400 and 406 respectively.
 * - In Sweden the `<Fis>` element carries `<Tag Name="Fiscal">` (Kontrollkod), `<Tag
 *   Name="SignDevId">` (Kontrollenhetens tillverkningsnummer), `FN` (Kvittonr), `OrgNr`, `RegisterId`.
 * - `POST <EFR>/restart` is "formally identical to /register, to be used on system
 *   restart/recovery": a request that may have been sent before a restart goes there.
 * The local EFR needs no credential (it listens on the till's machine or LAN, port 5618), so none
 * is kept. Inferred, not read in efsta's pages: the tax group letters for Swedish rates (below),
 * `PayG="card"` for a payment link and a card terminal (Skatteverket counts every electronic
 * payment as a card payment), `PayG="cash"` for cash and `NFS="DUP"`/`NFS="TRAINING"` for copies and training (read in efsta's Norwegian
 * guide). Check them in efsta's portal ("Tax Group Assignment", "Payment groups") before going live.
 */
export class EfstaControlUnit implements ControlUnit {
  readonly kind = 'efsta' as const;

  constructor(
    private readonly options: {
      baseUrl: string;
      /** The till's location and terminal in efsta's portal (TL, TT). */
      location: string;
      terminal: string;
      fetch?: typeof fetch;
      timeoutMs?: number;
    },
  ) {}

  async sign(request: ControlUnitRequest, options: { resend?: boolean; signal?: AbortSignal } = {}): Promise<ControlUnitAnswer> {
    const path = options.resend ? '/restart' : '/register';
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
    const body = efstaTransactionXml(request, { location: this.options.location, terminal: this.options.terminal });
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', accept: 'xml' },
        body,
        signal,
      });
    } catch (error) {
      throw new ControlUnitError('unreachable', `efsta EFR could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    const answer = parseEfstaAnswer(text);
    if (answer.result === 'NO' || response.status === 406 || response.status >= 500)
      throw new ControlUnitError('unreachable', `efsta EFR asks to try again later (HTTP ${response.status}).`);
    if (answer.result !== 'OK' || response.status !== 200)
      throw new ControlUnitError('refused', `efsta EFR refused the receipt (HTTP ${response.status}, RC ${answer.result ?? 'missing'}).`);
    const code = answer.tags.get('Fiscal');
    const serial = answer.tags.get('SignDevId');
    if (!code || !serial) throw new ControlUnitError('refused', 'efsta EFR answered OK without a control code and unit serial.');
    return { serial, code, training: false };
  }
}

/** Swedish VAT rates (basis points) to efsta tax groups — inferred, see the class comment. */
const taxGroups: Readonly<Record<number, string>> = { 2500: 'A', 1200: 'B', 600: 'C', 0: 'D' };

const decimal = (minor: number) => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The `<Tra>` document for one receipt. Amounts are minor units written as decimals (no floats). */
export function efstaTransactionXml(request: ControlUnitRequest, till: { location: string; terminal: string }): string {
  const attrs = (pairs: Record<string, string>) =>
    Object.entries(pairs)
      .map(([k, v]) => `${k}="${escapeXml(v)}"`)
      .join(' ');
  const nfs: Record<string, string> = request.kind === 'copy' ? { NFS: 'DUP' } : request.kind === 'training' ? { NFS: 'TRAINING' } : {};
  const esr = attrs({
    D: request.at.slice(0, 19),
    TL: till.location,
    TT: till.terminal,
    TN: String(request.receiptNumber),
    T: decimal(request.totalMinor),
    ...nfs,
  });
  const positions = request.lines
    .map(
      (line, index) =>
        `<Pos ${attrs({ PN: String(index + 1), Dsc: line.name, TaxG: taxGroups[line.vatRate] ?? 'D', Amt: decimal(line.totalMinor) })}/>`,
    )
    .join('');
  const payment = `<Pay ${attrs({ Dsc: request.paymentMeans, PayG: request.paymentGroup ?? 'card', Amt: decimal(request.totalMinor) })}/>`;
  return `<?xml version="1.0" encoding="utf-8"?><Tra><ESR ${esr}><PosA>${positions}</PosA><PayA>${payment}</PayA></ESR></Tra>`;
}

export interface EfstaAnswer {
  result: string | null;
  tags: Map<string, string>;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributesOf(element: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of element.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"/g)) out.set(m[1]!, unescapeXml(m[2]!));
  return out;
}

/** Reads `<Result RC>` and the `<Fis><Tag Name Value/>` pairs of an EFR answer; anything else is ignored. */
export function parseEfstaAnswer(xml: string): EfstaAnswer {
  const result = /<Result\b[^>]*>/.exec(xml);
  const tags = new Map<string, string>();
  for (const m of xml.matchAll(/<Tag\b[^>]*\/?>/g)) {
    const a = attributesOf(m[0]);
    const name = a.get('Name');
    const value = a.get('Value');
    if (name && value !== undefined) tags.set(name, value);
  }
  return { result: result ? (attributesOf(result[0]).get('RC') ?? null) : null, tags };
}
