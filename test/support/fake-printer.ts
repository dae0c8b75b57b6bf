import net from 'node:net';
import { decodeEscPos, type DecodedPrint } from '../../electron/services/sandbox/virtual-printer/decoder';

/**
 * A network ESC/POS printer for tests: a TCP server on 127.0.0.1 that behaves as an Epson
 * TM-m30 does where LinkPOS can tell. Real-time status queries (DLE EOT 1/2/4) are answered at
 * once, whatever state it is in; everything else goes into its receive buffer and is "printed"
 * (appended to `printed`) only while it has paper and its cover is shut; GS r 1 in that buffer is
 * answered when it is reached, after what came before it has printed. A power cut loses the
 * buffer. It records every byte received, too.
 */
export class FakeEscPosPrinter {
  readonly received: number[] = [];
  readonly printed: number[] = [];
  private paperOut = false;
  private coverOpen = false;
  private offline = false;
  private paperLeft = Infinity;
  private dropLeft = Infinity;
  private readonly sockets = new Set<net.Socket>();
  private readonly buffers = new Map<net.Socket, number[]>();
  connections = 0;
  private readonly arrivals: { count: number; resolve: (at: number) => void }[] = [];

  private constructor(private readonly server: net.Server) {}

  static async start(port = 0): Promise<FakeEscPosPrinter> {
    const server = net.createServer();
    const printer = new FakeEscPosPrinter(server);
    server.on('connection', (socket) => printer.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return printer;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Out of paper now (true), or a new roll put in (false: the buffer prints on). */
  setPaperOut(value: boolean): void {
    this.paperOut = value;
    if (!value) this.paperLeft = Infinity;
    this.processAll();
  }

  setCoverOpen(value: boolean): void {
    this.coverOpen = value;
    this.processAll();
  }

  /** Switched off (true): connections are refused and open ones cut; the buffers are lost. */
  setOffline(value: boolean): void {
    this.offline = value;
    if (value) for (const socket of this.sockets) this.cut(socket);
  }

  /** The roll runs out after `bytes` more printed bytes. */
  paperOutAfter(bytes: number): void {
    this.paperLeft = bytes;
  }

  /** The power fails after `bytes` more bytes arrive: the connection is cut and the buffer lost. */
  powerCutAfter(bytes: number): void {
    this.dropLeft = bytes;
  }

  /** Resolves with performance.now() once `count` bytes in all have arrived (for the benchmark). */
  whenReceived(count: number): Promise<number> {
    if (this.received.length >= count) return Promise.resolve(performance.now());
    return new Promise((resolve) => this.arrivals.push({ count, resolve }));
  }

  decoded(): DecodedPrint {
    return decodeEscPos(Uint8Array.from(this.printed));
  }

  /** The slips that came out whole (cut off). */
  cutSlips(): string[][] {
    const decoded = this.decoded();
    return decoded.slips.slice(0, decoded.cuts);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    if (this.offline) {
      socket.destroy();
      return;
    }
    this.connections += 1;
    this.sockets.add(socket);
    this.buffers.set(socket, []);
    let pending: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        if (this.dropLeft <= 0) break;
        this.dropLeft -= 1;
        this.received.push(byte);
        pending.push(byte);
        // DLE EOT n is real-time: answered on arrival, never buffered.
        if (pending[0] === 0x10) {
          if (pending.length < 3) continue;
          if (pending[1] === 0x04) {
            socket.write(Uint8Array.of(this.statusByte(pending[2]!)));
            pending = [];
            continue;
          }
        }
        this.buffers.get(socket)?.push(...pending);
        pending = [];
      }
      const now = performance.now();
      for (const waiter of this.arrivals.filter((w) => this.received.length >= w.count)) {
        this.arrivals.splice(this.arrivals.indexOf(waiter), 1);
        waiter.resolve(now);
      }
      if (this.dropLeft <= 0) {
        // What arrived before the power failed has printed; the rest is gone.
        this.dropLeft = Infinity;
        this.process(socket);
        this.cut(socket);
        return;
      }
      this.process(socket);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.buffers.delete(socket);
    });
  }

  private cut(socket: net.Socket): void {
    this.buffers.delete(socket);
    socket.destroy();
  }

  private statusByte(n: number): number {
    const stopped = this.paperOut || this.coverOpen;
    if (n === 1) return 0x12 | (stopped ? 0x08 : 0);
    if (n === 2) return 0x12 | (this.coverOpen ? 0x04 : 0) | (this.paperOut ? 0x20 : 0);
    if (n === 4) return 0x12 | (this.paperOut ? 0x60 : 0);
    return 0x12;
  }

  private processAll(): void {
    for (const socket of this.sockets) this.process(socket);
  }

  /** Prints from the socket's buffer while it can. */
  private process(socket: net.Socket): void {
    const buffer = this.buffers.get(socket);
    if (!buffer) return;
    while (buffer.length > 0 && !this.paperOut && !this.coverOpen) {
      // A picture or a symbol's data may hold any byte: it prints whole, never read as commands.
      const block = blockLength(buffer);
      if (block === null) return;
      if (block > 0) {
        if (this.paperLeft <= 0) {
          this.paperOut = true;
          return;
        }
        this.printed.push(...buffer.splice(0, block));
        this.paperLeft -= block;
        continue;
      }
      if (buffer[0] === 0x1d && buffer[1] === 0x72) {
        if (buffer.length < 3) return;
        buffer.splice(0, 3);
        socket.write(Uint8Array.of(0x00)); // GS r 1: paper present
        continue;
      }
      if (this.paperLeft <= 0) {
        this.paperOut = true;
        return;
      }
      this.printed.push(buffer.shift()!);
      this.paperLeft -= 1;
    }
  }
}

/**
 * The length of a GS v 0 raster image or a GS ( symbol command at the buffer's start (0 when none
 * starts there; null when one has begun but not all of it has arrived).
 */
function blockLength(buffer: number[]): number | null {
  if (buffer[0] !== 0x1d) return 0;
  if (buffer.length < 2) return null;
  if (buffer[1] === 0x28) {
    if (buffer.length < 5) return null;
    const size = 5 + buffer[3]! + buffer[4]! * 256;
    return buffer.length < size ? null : size;
  }
  if (buffer[1] === 0x76) {
    if (buffer.length < 8) return null;
    const size = 8 + (buffer[4]! + buffer[5]! * 256) * (buffer[6]! + buffer[7]! * 256);
    return buffer.length < size ? null : size;
  }
  return 0;
}
