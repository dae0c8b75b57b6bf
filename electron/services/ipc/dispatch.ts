import { channels, isChannelName, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../../shared/ipc/contract';
import { describeZodError, fail, ok, type IpcErrorCode, type IpcResult } from '../../../shared/ipc/result';
import { englishText, LocalizedError, msg, type Message } from '../../../shared/messages';
import { DomainError, type DomainErrorKind } from '../errors';
import { JournalError } from '../journal/journal';
import { ProviderError, type ProviderErrorKind } from '../providers/provider';

/** One async function per channel; implemented by the services, transport-agnostic. */
export type Handlers = {
  [K in ChannelName]: (input: ChannelParsedInput<K>) => Promise<ChannelOutput<K>>;
};

/** What went wrong, as the one table below knows it: a domain error's kind, or a provider error's. */
type ErrorKind = DomainErrorKind | `provider-${ProviderErrorKind}`;

/**
 * The one table from an error thrown on purpose to the code the renderer can act on. The code is
 * the renderer's business; the Message (and its English text) goes with it unchanged.
 */
const ipcCodes: Record<ErrorKind, IpcErrorCode> = {
  'not-found': 'not-found',
  conflict: 'conflict',
  rejected: 'rejected',
  storage: 'storage',
  'provider-auth': 'provider-auth',
  'provider-rejected': 'provider-rejected',
  'provider-not-found': 'provider-rejected',
  'provider-rate-limited': 'provider-rate-limited',
  'provider-unavailable': 'provider-unavailable',
  'provider-unknown-outcome': 'unknown-outcome',
  'provider-bad-response': 'provider-bad-response',
};

function kindOf(error: unknown): ErrorKind | null {
  if (error instanceof DomainError) return error.kind;
  if (error instanceof ProviderError) return `provider-${error.kind}`;
  // The journal could not make a record durable: nothing was done, and the clerk is told why.
  if (error instanceof JournalError) return 'storage';
  return null;
}

/** Fails with a catalog Message, its English text as the message. */
const failWith = (code: IpcErrorCode, l10n: Message) => fail(code, englishText(l10n), l10n);

export interface DispatchOptions {
  /** Called with unexpected errors (for the log); never sent to the renderer. */
  onInternalError?: (channel: string, error: unknown) => void;
  /** Called when a handler took SLOW_CALL_MS or more (for the log: a clerk was kept waiting). */
  onSlowCall?: (channel: string, tookMs: number) => void;
  /** A monotonic clock in ms; injected by tests. */
  now?: () => number;
  /**
   * Asked after the input is parsed and before the handler runs: who may make this call
   * (staff/StaffService.authorize over shared/ipc/access.ts). A refusal is the answer.
   */
  authorize?: (channel: ChannelName, input: unknown) => { code: IpcErrorCode; l10n: Message } | null;
  /**
   * Runs the handler, called at once after `authorize` let the call through (nothing awaited
   * between): the staff service runs it in the scope of the approval `authorize` just used up.
   */
  around?: (run: () => Promise<unknown>) => Promise<unknown>;
}

export const SLOW_CALL_MS = 5_000;

/**
 * The single path every call takes in both transports (Electron IPC and the web host):
 * known channel → input parsed with the channel's schema → handler → output parsed → result.
 * The sender check happens before this, in the transport, because only it knows the sender.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}) {
  const now = options.now ?? (() => performance.now());
  return async function dispatch(name: unknown, rawInput: unknown): Promise<IpcResult<unknown>> {
    if (!isChannelName(name)) return failWith('unknown-channel', msg('ipcUnknownChannel'));
    const spec = channels[name];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) return fail('invalid-input', describeZodError(parsed.error), msg('ipcInvalidInput'));
    const refusal = options.authorize?.(name, parsed.data);
    if (refusal) return failWith(refusal.code, refusal.l10n);
    let value: unknown;
    const started = now();
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      value = await (options.around ? options.around(() => handler(parsed.data)) : handler(parsed.data));
    } catch (error) {
      const kind = kindOf(error);
      // Anything else is reported as `internal` with a generic sentence: its text could carry
      // something that must not cross the boundary.
      if (kind && error instanceof LocalizedError) return fail(ipcCodes[kind], error.message, error.l10n);
      options.onInternalError?.(name, error);
      return failWith('internal', msg('ipcInternal'));
    } finally {
      const tookMs = Math.round(now() - started);
      if (tookMs >= SLOW_CALL_MS) options.onSlowCall?.(name, tookMs);
    }
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      options.onInternalError?.(name, checked.error);
      return failWith('invalid-output', msg('ipcInvalidOutput'));
    }
    return ok(checked.data);
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
