export { RECEIPT_MAIL_RECORD_TYPE, maskAddress, receiptMailDataSchema, type ReceiptMailData, type ReceiptMailReason } from './mail-record';
export { isMailAddress, ReceiptMailer, type ReceiptMailerOptions, type ReceiptMailOutcome, type SmtpSettings } from './mailer';
export { receiptMailText } from './receipt-text';
export { createMailHandlers, type MailChannel } from './handlers';
