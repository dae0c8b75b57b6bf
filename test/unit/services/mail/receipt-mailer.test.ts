import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { RECEIPT_MAIL_RECORD_TYPE, receiptMailDataSchema } from '../../../../electron/services/mail/mail-record';
import { ReceiptMailer, type SmtpSettings } from '../../../../electron/services/mail/mailer';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { UiLanguage } from '../../../../shared/domain/settings';
import { sampleReceipt } from '../../../support/receipts';
import { startSmtpServer, textPdf, type TestSmtpServer } from '../../../support/smtp';
import { recordingLogger, useTempDir } from '../journal/helpers';
import { records } from '../seal/seal-helpers';

const tmp = useTempDir();
const PASSWORD = 'smtp-pässword-Ø1';
let smtp: TestSmtpServer;
let journal: Journal;

beforeEach(async () => {
  smtp = await startSmtpServer({ user: 'shop@example.test', password: PASSWORD });
  journal = (await openJournal(tmp.dir, { log: recordingLogger() })).journal;
});
afterEach(async () => {
  await journal.close();
  await smtp.close();
});

function mailer(receipt: Receipt, options: { smtp?: Partial<SmtpSettings>; password?: string | null; language?: UiLanguage } = {}) {
  const log = recordingLogger();
  const settings: SmtpSettings = {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'shop@example.test',
    from: 'kvitto@example.test',
    ...options.smtp,
  };
  const service = new ReceiptMailer({
    smtp: () => settings,
    password: () => (options.password === undefined ? PASSWORD : options.password),
    language: () => options.language ?? 'sv',
    receipt: () => Promise.resolve(receipt),
    // The PDF port's shells draw the print page in a browser; in Node a one-page PDF with the slip's first lines stands for it.
    pdf: () =>
      Promise.resolve({
        fileName: `linkpos-receipt-${receipt.receipt.number}.pdf`,
        bytes: textPdf([receipt.shop.name, `Kvitto ${receipt.receipt.number}`]),
      }),
    journal,
    log,
    now: () => new Date('2026-12-06T10:00:00Z'),
    timeoutMs: 5_000,
  });
  return { service, log };
}

const mailRecords = async () => (await records(tmp.dir)).filter((r) => r.type === RECEIPT_MAIL_RECORD_TYPE);

describe('e-mailed receipts', () => {
  it('sends the receipt PDF and a plain-text body in the receipt’s language through the merchant’s SMTP server, and journals it', async () => {
    const receipt = sampleReceipt();
    const { service, log } = mailer(receipt, { language: 'sv' });
    await expect(service.send(receipt.saleId, '  kund@example.test ')).resolves.toEqual({ sent: true });

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.user).toBe('shop@example.test');
    expect(mail.from).toBe('kvitto@example.test');
    expect(mail.to).toEqual(['kund@example.test']);
    expect(mail.raw).toContain('Subject: =?UTF-8?');
    expect(mail.text).toContain(`Ditt kvitto finns bifogat som PDF.`);
    expect(mail.text).toContain(`Kvitto ${receipt.receipt.number}`);
    expect(mail.text).toContain('Smörgåstårta Ærø-æbler');
    expect(mail.text).toContain('Totalt');
    expect(mail.text).toContain(receipt.thankYouText);

    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.fileName).toBe(`linkpos-receipt-${receipt.receipt.number}.pdf`);
    expect(pdf.contentType).toBe('application/pdf');
    const file = join(tmp.dir, 'mailed.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(receipt.shop.name);
    expect(text).toContain(`Kvitto ${receipt.receipt.number}`);

    const [record] = await mailRecords();
    expect(record!.saleId).toBe(receipt.saleId);
    expect(receiptMailDataSchema.parse(record!.data)).toEqual({
      v: 1,
      outcome: 'sent',
      to: 'k•••@example.test',
      receiptNumber: receipt.receipt.number,
    });
    // The address is not kept beyond the mail itself: not whole in the journal, not in the log.
    const journalText = JSON.stringify(await records(tmp.dir));
    expect(journalText).not.toContain('kund@example.test');
    expect(JSON.stringify(log.lines)).not.toContain('kund@');
    expect(journalText + JSON.stringify(log.lines)).not.toContain(PASSWORD);
  });

  it('writes the body in the receipt’s language: Icelandic words and Icelandic money', async () => {
    const receipt = sampleReceipt();
    const { service } = mailer(receipt, { language: 'is' });
    await service.send(receipt.saleId, 'a@example.test');
    expect(smtp.mails[0]!.text).toContain('Kvittunin þín fylgir sem PDF-skjal.');
    expect(smtp.mails[0]!.text).toContain('Samtals');
  });

  it('writes a Swedish receipt in Swedish when the clerk works in Icelandic (5 kap. 2 § SKVFS 2014:10: Swedish or English)', async () => {
    const receipt: Receipt = {
      ...sampleReceipt(),
      fiscal: {
        organisationNumber: '556036-0793',
        tillDesignation: 'Kassa 1',
        controlUnit: { state: 'signed', serial: 'ISCCUSE0000000001', code: 'CODE', training: false },
        electronic: true,
      },
    };
    const { service } = mailer(receipt, { language: 'is' });
    await service.send(receipt.saleId, 'a@example.test');
    expect(smtp.mails[0]!.text).toContain('Ditt kvitto finns bifogat som PDF.');
    expect(smtp.mails[0]!.text).toContain('Elektroniskt kassakvitto');
    expect(smtp.mails[0]!.text).not.toContain('Samtals');
  });

  it('says in the body how a sale paid another way was paid: cash and change, not a payment link', async () => {
    const base = sampleReceipt();
    const receipt = {
      ...base,
      payment: { ...base.payment, tender: { kind: 'cash' as const, givenMinor: 100_000, changeMinor: 100_000 - base.totalMinor } },
    };
    const { service } = mailer(receipt, { language: 'sv' });
    await service.send(receipt.saleId, 'a@example.test');
    const text = smtp.mails[0]!.text;
    expect(text).toMatch(/^Kontant: .*1\s000,00/m);
    expect(text).toMatch(/^Växel: /m);
    expect(text).not.toContain('Betalt via betallänk');
  });

  it('journals a wrong password as failed with the reason, never the password, and sends when asked again with the right one', async () => {
    const receipt = sampleReceipt();
    const wrong = mailer(receipt, { password: 'not-the-password' });
    await expect(wrong.service.send(receipt.saleId, 'kund@example.test')).resolves.toEqual({ sent: false, reason: 'auth' });
    expect(smtp.mails).toHaveLength(0);

    // Retried by the clerk (a new send); nothing is retried on its own.
    const right = mailer(receipt);
    await expect(right.service.send(receipt.saleId, 'kund@example.test')).resolves.toEqual({ sent: true });
    expect(smtp.mails).toHaveLength(1);

    const [failed, sent] = (await mailRecords()).map((r) => receiptMailDataSchema.parse(r.data));
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'auth' });
    expect(failed!.outcome === 'failed' && failed!.detail).toMatch(/535|Invalid/);
    expect(JSON.stringify(failed)).not.toContain('not-the-password');
    expect(sent).toMatchObject({ outcome: 'sent' });
  });

  it('tells a message the server refuses apart from a server that cannot be reached', async () => {
    const receipt = sampleReceipt();
    smtp.rejectWith = 'Message rejected as spam';
    await expect(mailer(receipt).service.send(receipt.saleId, 'kund@example.test')).resolves.toEqual({ sent: false, reason: 'rejected' });

    const closed = await startSmtpServer({ user: 'x', password: 'y' });
    const port = closed.port;
    await closed.close();
    await expect(mailer(receipt, { smtp: { port } }).service.send(receipt.saleId, 'kund@example.test')).resolves.toEqual({
      sent: false,
      reason: 'connection',
    });
    expect((await mailRecords()).map((r) => receiptMailDataSchema.parse(r.data))).toMatchObject([
      { outcome: 'failed', reason: 'rejected', detail: expect.stringContaining('spam') as string },
      { outcome: 'failed', reason: 'connection' },
    ]);
  });

  it('says so, without asking any server, when no SMTP server or no password is set', async () => {
    const receipt = sampleReceipt();
    await expect(mailer(receipt, { smtp: { host: '' } }).service.send(receipt.saleId, 'kund@example.test')).resolves.toEqual({
      sent: false,
      reason: 'not-configured',
    });
    await expect(mailer(receipt, { password: null }).service.send(receipt.saleId, 'kund@example.test')).resolves.toEqual({
      sent: false,
      reason: 'password-missing',
    });
    expect(smtp.mails).toHaveLength(0);
  });

  it('is passed over by the sales replay: a mail record changes no sale and is no problem', async () => {
    const receipt = sampleReceipt();
    await mailer(receipt).service.send(receipt.saleId, 'kund@example.test');
    const replay = replaySales(await records(tmp.dir));
    expect(replay.problems).toEqual([]);
    expect(replay.sales.size).toBe(0);
  });
});
