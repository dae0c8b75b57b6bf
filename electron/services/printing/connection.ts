import net from 'node:net';
import { decodeStatus, isStatusByte, statusQuery, STATUS_QUERIES, type PrinterStatus } from './status';

/**
 * One raw TCP connection to a network ESC/POS printer (port 9100, "JetDirect"): status queries,
 * the receipt's bytes and the printed acknowledgement. Bytes the printer sends back are either
 * DLE EOT answers (bit 4 set) or the GS r 1 acknowledgement (bit 4 clear), so one stream carries
 * both without confusion.
 */
export interface PrinterAddress {
  host: string;
  port: number;
}

export interface ConnectionTimeouts {
  connectMs: number;
  /** How long a DLE EOT answer may take: the printer answers these at once, even offline. */
  answerMs: number;
}

export const defaultTimeouts: ConnectionTimeouts = { connectMs: 3000, answerMs: 2000 };

/** The printer could not be reached, or stopped answering: nothing more can be said. */
export class PrinterUnreachable extends Error {
  override readonly name = 'PrinterUnreachable';
}

type Waiter = { resolve: (byte: number) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

export class PrinterConnection {
  private readonly answers: number[] = [];
  private readonly acks: number[] = [];
  private answerWaiter: Waiter | null = null;
  private ackWaiter: Waiter | null = null;
  private closed: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeouts: ConnectionTimeouts,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        if (isStatusByte(byte)) this.deliver(this.answers, 'answerWaiter', byte);
        else this.deliver(this.acks, 'ackWaiter', byte);
      }
    });
    const end = (error?: Error) => {
      this.closed ??= new PrinterUnreachable(
        error ? `The printer connection failed: ${error.message}` : 'The printer closed the connection.',
      );
      for (const key of ['answerWaiter', 'ackWaiter'] as const) {
        const waiter = this[key];
        this[key] = null;
        if (waiter) {
          clearTimeout(waiter.timer);
          waiter.reject(this.closed);
        }
      }
    };
    socket.on('error', end);
    socket.on('close', () => end());
  }

  static open(address: PrinterAddress, timeouts: ConnectionTimeouts = defaultTimeouts): Promise<PrinterConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address.host, port: address.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterUnreachable(`No connection to the printer within ${timeouts.connectMs} ms.`));
      }, timeouts.connectMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new PrinterConnection(socket, timeouts));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new PrinterUnreachable(`The printer could not be reached: ${error.message}`));
      });
    });
  }

  private deliver(queue: number[], key: 'answerWaiter' | 'ackWaiter', byte: number): void {
    const waiter = this[key];
    if (waiter) {
      this[key] = null;
      clearTimeout(waiter.timer);
      waiter.resolve(byte);
    } else queue.push(byte);
  }

  private next(queue: number[], key: 'answerWaiter' | 'ackWaiter', timeoutMs: number): Promise<number | null> {
    const queued = queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this[key] = null;
        resolve(null);
      }, timeoutMs);
      this[key] = { resolve, reject, timer };
    });
  }

  private write(bytes: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) =>
      this.socket.write(bytes, (error) =>
        error ? reject(new PrinterUnreachable(`Sending to the printer failed: ${error.message}`)) : resolve(),
      ),
    );
  }

  /** Asks DLE EOT 1, 2 and 4 and decodes the answers. A printer that does not answer is unreachable. */
  async status(): Promise<PrinterStatus> {
    const answers: number[] = [];
    for (const n of STATUS_QUERIES) {
      await this.write(statusQuery(n));
      const answer = await this.next(this.answers, 'answerWaiter', this.timeouts.answerMs);
      if (answer === null) throw new PrinterUnreachable('The printer did not answer a status query.');
      answers.push(answer);
    }
    return decodeStatus(answers as [number, number, number]);
  }

  send(bytes: Uint8Array): Promise<void> {
    return this.write(bytes);
  }

  /** The next GS r acknowledgement, or null when none came within `timeoutMs`. */
  acknowledgement(timeoutMs: number): Promise<number | null> {
    return this.next(this.acks, 'ackWaiter', timeoutMs);
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }
}
