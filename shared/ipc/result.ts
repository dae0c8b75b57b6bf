import { z } from 'zod';
import { messageKeySchema, messageParamsSchema, type Message, type MessageKey, type MessageParams } from '../messages';

/**
 * Every IPC call answers with a result object instead of throwing: Electron serialises thrown errors
 * lossily (only the message survives, prefixed with the channel name), and the web host speaks JSON.
 * `message` is English; `key` and `params` (shared/messages.ts) let the renderer say it in the
 * clerk's language.
 */
export type IpcError = { code: IpcErrorCode; message: string; key?: MessageKey; params?: MessageParams };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ipcErrorCodes = [
  'forbidden-sender',
  /** Staff are set up and nobody is signed in (shared/ipc/access.ts). */
  'sign-in-required',
  /** The call needs a manager: a manager signed in, or a manager's approval for it. */
  'approval-required',
  /** Live provider keys on a till without staff: the owner's PIN is created first, then the call is made again. */
  'owner-required',
  'invalid-input',
  'invalid-output',
  'unknown-channel',
  'not-found',
  'conflict',
  'rejected',
  'provider-auth',
  'provider-rejected',
  'provider-unavailable',
  'provider-rate-limited',
  'provider-bad-response',
  'unknown-outcome',
  'storage',
  'internal',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

export const ipcErrorSchema = z.object({
  code: z.enum(ipcErrorCodes),
  message: z.string(),
  key: messageKeySchema.optional(),
  params: messageParamsSchema.optional(),
});

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** A failed result; with a Message, the renderer can show it in the clerk's language. */
export function fail(code: IpcErrorCode, message: string, l10n?: Message): IpcResult<never> {
  return { ok: false, error: { code, message, ...(l10n ? { key: l10n.key } : {}), ...(l10n?.params ? { params: l10n.params } : {}) } };
}

/** Renders a zod error as one line a clerk or a developer can act on, without echoing the input. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
