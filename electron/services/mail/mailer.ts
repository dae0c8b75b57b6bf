import nodemailer from 'nodemailer';
import type { Receipt } from '../../../shared/domain/receipt';
import type { Settings, UiLanguage } from '../../../shared/domain/settings';
import { receiptLanguage } from '../../../shared/receipt-words';
import type { AppendInput, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { maskAddress, RECEIPT_MAIL_RECORD_TYPE, type ReceiptMailData, type ReceiptMailReason } from './mail-record';
import { receiptMailText } from './receipt-text';

export type SmtpSettings = Settings['smtp'];

export interface ReceiptMailerOptions {
  smtp: () => SmtpSettings;
  /** The SMTP password from the credential store (null when none is saved). */
  password: () => string | null;
  /** The language the receipt is written in (the slip's language). */
  language: () => UiLanguage;
  receipt: (saleId: string) => Promise<Receipt>;
  /** The receipt's PDF, as the print page draws it. */
  pdf: (saleId: string) => Promise<{ fileName: string; bytes: Uint8Array }>;
  /**
   * A Swedish receipt's original is handed over once (SKVFS 2014:9; `FiscalReceipts.handOver`): the
   * e-mail is that hand-over, so it is marked before the mail goes and the mark taken back (the
   * answer) if the mail does not. Throws when the original was handed over already (printed, saved
   * or e-mailed): nothing is sent. Null for a receipt that is not Swedish. Absent: not checked.
   */
  handOver?: (saleId: string) => Promise<(() => Promise<void>) | null>;
  journal: { append(input: AppendInput): Promise<JournalRecord> };
  log: Logger;
  /** The member of staff signed in at the till (null without staff): who a send is journaled as. */
  actor?: () => { id: string; name: string } | null;
  now?: () => Date;
  /** How long to wait for the server at each step; nodemailer's own defaults are minutes. */
  timeoutMs?: number;
}

export type ReceiptMailOutcome = { readonly sent: true } | { readonly sent: false; readonly reason: ReceiptMailReason };

/** A single address, as a customer types it: no display name, no list. */
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
export function isMailAddress(text: string): boolean {
  return text.length <= 254 && ADDRESS.test(text);
}

/**
 * Sends a paid sale's receipt by e-mail through the merchant's SMTP server: the receipt's PDF
 * attached and a plain-text copy in the receipt's language. Every send, sent or failed, is in the
 * journal before the clerk is told; a failed send is tried again only when the clerk asks. The
 * address goes to the SMTP server and, masked, to the journal; nowhere else.
 */
export class ReceiptMailer {
  private readonly now: () => Date;

  constructor(private readonly options: ReceiptMailerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** True when a server is set: the clerk is offered e-mail only then. */
  configured(): boolean {
    return this.options.smtp().host !== '';
  }

  async send(saleId: string, address: string): Promise<ReceiptMailOutcome> {
    const to = address.trim();
    const smtp = this.options.smtp();
    const password = this.options.password();
    if (smtp.host === '') return this.failed(saleId, to, 'not-configured', 'No SMTP server is set.');
    if (smtp.user !== '' && password === null) return this.failed(saleId, to, 'password-missing', 'The SMTP password is not saved.');

    // A sale with no receipt (not paid) throws the back office's own error: nothing is sent or journaled.
    const receipt = await this.options.receipt(saleId);
    const pdf = await this.options.pdf(saleId);
    const { subject, text } = receiptMailText(receipt, receiptLanguage(receipt, this.options.language()));
    const takeBack = (await this.options.handOver?.(saleId)) ?? null;
    const timeout = this.options.timeoutMs ?? 20_000;
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.security === 'tls',
      requireTLS: smtp.security === 'starttls',
      ignoreTLS: smtp.security === 'none',
      ...(smtp.user !== '' ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    try {
      await transport.sendMail({
        from: smtp.from || smtp.user,
        to,
        subject,
        text,
        textEncoding: 'base64',
        attachments: [{ filename: pdf.fileName, content: Buffer.from(pdf.bytes), contentType: 'application/pdf' }],
      });
    } catch (error) {
      const { reason, detail } = describeFailure(error, password);
      // Not handed over: the original may still be printed or e-mailed.
      await takeBack?.();
      return this.failed(saleId, to, reason, detail);
    } finally {
      transport.close();
    }
    await this.record(saleId, { v: 1, outcome: 'sent', to: maskAddress(to), receiptNumber: receipt.receipt.number });
    this.options.log.info('receipt mail sent', { saleId });
    return { sent: true };
  }

  private async failed(saleId: string, to: string, reason: ReceiptMailReason, detail: string): Promise<ReceiptMailOutcome> {
    await this.record(saleId, { v: 1, outcome: 'failed', to: maskAddress(to), reason, detail: detail.slice(0, 500) });
    this.options.log.warn('receipt mail failed', { saleId, reason, detail });
    return { sent: false, reason };
  }

  private async record(saleId: string, data: ReceiptMailData): Promise<void> {
    const by = this.options.actor?.() ?? null;
    const attributed: ReceiptMailData = by ? { ...data, by: { id: by.id, name: by.name } } : data;
    await this.options.journal.append({ type: RECEIPT_MAIL_RECORD_TYPE, saleId, data: attributed, at: this.now().toISOString() });
  }
}

/** nodemailer's error codes as our reasons; the detail never carries the password. */
function describeFailure(error: unknown, password: string | null): { reason: ReceiptMailReason; detail: string } {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  let detail = typeof e.message === 'string' ? e.message : String(error);
  if (password) detail = detail.split(password).join('•••');
  if (e.code === 'EAUTH') return { reason: 'auth', detail };
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE' || (typeof e.responseCode === 'number' && e.responseCode >= 500))
    return { reason: 'rejected', detail };
  return { reason: 'connection', detail };
}
