import { channels, isChannelName, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../../shared/ipc/contract';
import { describeZodError, fail, ok, type IpcErrorCode, type IpcResult } from '../../../shared/ipc/result';
import { englishText, LocalizedError, msg, type Message } from '../../../shared/messages';

/** One async function per channel; implemented by the services, transport-agnostic. */
export type Handlers = {
  [K in ChannelName]: (input: ChannelParsedInput<K>) => Promise<ChannelOutput<K>>;
};

/**
 * An error a handler throws on purpose, with a code the renderer can act on and a Message for the
 * clerk (its English text is `message`). Anything else thrown is reported as `internal` with a
 * generic message (its text could carry something that must not cross the boundary).
 */
export class HandlerError extends LocalizedError {
  override readonly name = 'HandlerError';
  constructor(
    readonly code: IpcErrorCode,
    l10n: Message,
    message?: string,
  ) {
    super(l10n, message);
  }
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
    let value: unknown;
    const started = now();
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      value = await handler(parsed.data);
    } catch (error) {
      if (error instanceof HandlerError) return fail(error.code, error.message, error.l10n);
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
