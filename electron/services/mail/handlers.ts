import { msg, type MessageKey } from '../../../shared/messages';
import type { MailStatus } from '../../../shared/ipc/channels/mail';
import type { SecretEntry } from '../credentials/secret-entry';
import { DomainError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { ReceiptMailReason } from './mail-record';
import { isMailAddress, type ReceiptMailer } from './mailer';

export type MailChannel = 'mail:status' | 'mail:setPassword' | 'mail:sendReceipt';

/** Why a send failed, as the sentence the clerk reads. */
const reasonMessages: Record<ReceiptMailReason, MessageKey> = {
  'not-configured': 'mailNotConfigured',
  'password-missing': 'mailPasswordMissing',
  connection: 'mailConnection',
  auth: 'mailAuth',
  rejected: 'mailRejected',
};

export function createMailHandlers(mailer: ReceiptMailer, password: SecretEntry): Pick<Handlers, MailChannel> {
  const status = (): MailStatus => {
    const { state, storage } = password.status();
    return { configured: mailer.configured(), password: { state, storage } };
  };
  return {
    'mail:status': () => Promise.resolve(status()),
    'mail:setPassword': ({ password: value }) => {
      password.set(value);
      return Promise.resolve(status());
    },
    'mail:sendReceipt': async ({ saleId, address }) => {
      if (!isMailAddress(address)) throw new DomainError('rejected', msg('mailAddressInvalid'));
      const outcome = await mailer.send(saleId, address);
      if (outcome.sent) return { sent: true as const };
      throw new DomainError('rejected', msg(reasonMessages[outcome.reason]));
    },
  };
}
