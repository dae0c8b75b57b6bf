import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';

const PASSWORD = 'Lösen-ord 9';
let smtp: TestSmtpServer;

test.beforeEach(async () => {
  smtp = await startSmtpServer({ user: 'butik@example.test', password: PASSWORD });
});
test.afterEach(async () => {
  await smtp.close();
});

test('a paid sale’s receipt is e-mailed from the Paid screen and again from History, through the SMTP server set in Settings; its PDF reads back', async ({
  page,
  pos,
  consoleErrors,
}, testInfo) => {
  await pos.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'E-mail receipts' });
  await card.getByLabel('SMTP server').fill('127.0.0.1');
  await card.getByLabel('SMTP port').fill(String(smtp.port));
  await card.getByLabel('Encryption').selectOption('none');
  await card.getByLabel('SMTP user name').fill('butik@example.test');
  await card.getByLabel('Sender address').fill('kvitto@example.test');
  await card.getByLabel('SMTP password').fill(PASSWORD);
  await card.getByRole('button', { name: 'Save e-mail server' }).click();
  await expect(page.getByText('The e-mail settings are saved.')).toBeVisible();
  // Write-only: the field is emptied and only says a password is kept.
  await expect(card.getByLabel('SMTP password')).toHaveValue('');
  await expect(card).toContainText('A password is saved, encrypted.');
  await card.screenshot({ path: testInfo.outputPath('mail-settings.png') });
  // The rest of Settings, opened before the e-mail server was saved, is saved after it: it must not
  // put the old (empty) server back — the mails below reach the server only if it did not.
  await page.getByLabel('Till name').fill('Counter 2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Sell' }).click();
  await page
    .getByRole('button', { name: /Kaffe, kopp/ })
    .first()
    .click();
  await pos.charge();
  const url = await pos.readQrCode();
  await (await pos.customerPresses(url, 'Pay')).close();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();

  await page.getByRole('button', { name: 'E-mail receipt' }).click();
  const address = page.getByLabel('E-mail address');
  await address.fill('kund.example.test');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That is not an e-mail address.' })).toBeVisible();
  expect(smtp.mails).toHaveLength(0);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: testInfo.outputPath('paid-email-error-1024.png') });
  await page.setViewportSize({ width: 1366, height: 768 });

  await address.fill('kund@example.test');
  // Enter in the field sends the mail; it is not the Paid screen's "Enter: New sale".
  await address.press('Enter');
  await expect(page.getByText('The receipt was sent to kund@example.test.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('paid-email-sent-1366.png') });
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0]!;
  expect(mail.to).toEqual(['kund@example.test']);
  expect(mail.text).toContain('Your receipt is attached as a PDF.');
  expect(mail.text).toContain('Training receipt 1');
  const pdf = mail.attachments[0]!;
  expect(pdf.fileName).toBe('linkpos-training-receipt-1.pdf');
  const file = testInfo.outputPath('mailed.pdf');
  writeFileSync(file, pdf.bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Training receipt 1');
  expect(text).toContain('Kaffe');

  // Sent again from History's sale detail (the customer asks a second time).
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Open sale 1' }).click();
  await page.getByRole('button', { name: 'E-mail receipt' }).click();
  await page.getByLabel('E-mail address').fill('annan@example.test');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('The receipt was sent to annan@example.test.')).toBeVisible();
  expect(smtp.mails.map((m) => m.to)).toEqual([['kund@example.test'], ['annan@example.test']]);
  await page.screenshot({ path: testInfo.outputPath('history-email-1366.png') });
  expect(consoleErrors).toEqual([]);
});
