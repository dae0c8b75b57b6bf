import { LocalizedError, type Message } from '../../shared/messages';

/**
 * What went wrong, in terms a caller can act on. The IPC dispatcher turns each kind into the error
 * code the renderer sees, in one table (`ipc/dispatch.ts`).
 */
export type DomainErrorKind =
  /** There is no such thing: a sale, a Z report, an import that has gone. */
  | 'not-found'
  /** Not in this state: the thing exists but cannot do that now (a paid sale cannot be cancelled). */
  | 'conflict'
  /** Not ever: the request itself cannot be accepted (an invalid cart, a capability the provider lacks). */
  | 'rejected'
  /** A file could not be read or written. */
  | 'storage'
  /** The payment service could not be asked, so nothing was done. */
  | 'provider-unavailable'
  /** The payment service said no. */
  | 'provider-rejected';

/**
 * The one error the domain services throw on purpose: a kind and a Message for the clerk (`message`
 * is its English text, or a longer English text for logs and support). Anything else a handler
 * throws reaches the renderer as `internal`, with a generic sentence.
 */
export class DomainError extends LocalizedError {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    l10n: Message,
    message?: string,
  ) {
    super(l10n, message);
  }
}
