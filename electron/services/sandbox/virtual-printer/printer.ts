import net from 'node:net';
import { decodeEscPos, type DecodedPaper } from './decoder';

/**
 * Demo mode's receipt printer: a loopback TCP server that takes ESC/POS as a network printer on
 * port 9100 does, so a new user sees a real ESC/POS receipt without owning a printer. LinkPOS
 * prints to it through the same queue and connection code as to a real one. It behaves as a
 * healthy printer that never runs out of paper: real-time status queries (DLE EOT n) are answered
 * at once, and a printed acknowledgement request (GS r 1) when it is reached, after what came
 * before it has "printed". What it printed is decoded into papers (one per cut), the newest kept.
 */

/** DLE EOT n answers of a ready printer: bits 1 and 4 always set, nothing wrong. */
const READY_STATUS = 0x12;
/** GS r 1 answer: paper present. */
const PAPER_PRESENT = 0x00;

export interface VirtualPaper extends DecodedPaper {
  /** When the paper came out (epoch ms). */
  printedAt: number;
}

export interface VirtualPrinterOptions {
  /** How many papers the roll keeps (oldest dropped first). */
  keep?: number;
  now?: () => number;
}

export class VirtualPrinter {
  private readonly papers: VirtualPaper[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly keep: number;
  private readonly now: () => number;

  private constructor(
    private readonly server: net.Server,
    options: VirtualPrinterOptions,
  ) {
    this.keep = options.keep ?? 50;
    this.now = options.now ?? Date.now;
  }

  /** Listens on 127.0.0.1 only, on a free port. */
  static async start(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
    const server = net.createServer();
    const printer = new VirtualPrinter(server, options);
    server.on('connection', (socket) => printer.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return printer;
  }

  get address(): { host: string; port: number } {
    return { host: '127.0.0.1', port: (this.server.address() as net.AddressInfo).port };
  }

  /** What it printed, oldest first. */
  roll(): readonly VirtualPaper[] {
    return this.papers;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    const reader = new StreamReader((bytes) => this.print(bytes));
    socket.on('data', (chunk: Buffer) => {
      for (const answer of reader.push(chunk)) socket.write(Uint8Array.of(answer));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      reader.end();
    });
  }

  private print(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    let papers: DecodedPaper[];
    try {
      papers = decodeEscPos(bytes).papers;
    } catch (error) {
      // A real printer would print something odd; the demo's says what it could not read.
      const text = `(${error instanceof Error ? error.message : String(error)})`;
      papers = [{ pieces: [{ kind: 'text', text, bold: false, width: 1, height: 1, align: 'left' }], cut: false }];
    }
    const printedAt = this.now();
    // A paper not cut off yet goes on with the next job's lines, as on a real roll.
    const last = this.papers.at(-1);
    const first = papers[0];
    if (last && !last.cut && first) {
      last.pieces.push(...first.pieces);
      last.cut = first.cut;
      papers = papers.slice(1);
    }
    for (const paper of papers) this.papers.push({ ...paper, printedAt });
    this.papers.splice(0, Math.max(0, this.papers.length - this.keep));
  }
}

/**
 * Splits what arrives on one connection into real-time queries (answered at once), printed
 * acknowledgement requests (answered after the bytes before them print) and the bytes to print.
 * A picture or a symbol's data may hold any byte, so those blocks are passed over whole.
 */
export class StreamReader {
  /** Bytes not yet read (a command begun but not complete). */
  private buffer: number[] = [];
  /** Bytes read and to print, up to the next acknowledgement request or the connection's end. */
  private printable: number[] = [];

  constructor(private readonly onPrint: (bytes: Uint8Array) => void) {}

  /** Takes the bytes that arrived; returns the answers to send back, in order. */
  push(chunk: Uint8Array): number[] {
    this.buffer.push(...chunk);
    const answers: number[] = [];
    const printable = this.printable;
    let i = 0;
    const flush = () => {
      this.onPrint(Uint8Array.from(printable));
      printable.length = 0;
    };
    while (i < this.buffer.length) {
      const b = this.buffer[i]!;
      const next = this.buffer[i + 1];
      if (b === 0x10 || b === 0x1d) {
        if (next === undefined) break;
        if (b === 0x10 && next === 0x04) {
          if (i + 2 >= this.buffer.length) break;
          answers.push(READY_STATUS);
          i += 3;
          continue;
        }
        if (b === 0x1d && next === 0x72) {
          if (i + 2 >= this.buffer.length) break;
          flush();
          answers.push(PAPER_PRESENT);
          i += 3;
          continue;
        }
        const block = b === 0x1d ? blockLength(this.buffer, i) : 0;
        if (block === null) break;
        if (block > 0) {
          printable.push(...this.buffer.slice(i, i + block));
          i += block;
          continue;
        }
      }
      printable.push(b);
      i += 1;
    }
    this.buffer = this.buffer.slice(i);
    return answers;
  }

  /** The connection closed: what is left prints (a job sent without an acknowledgement request). */
  end(): void {
    const rest = Uint8Array.from([...this.printable, ...this.buffer]);
    this.buffer = [];
    this.printable = [];
    this.onPrint(rest);
  }
}

/** The length of a GS v 0 raster image or GS ( symbol at `at` (0: neither; null: not all arrived yet). */
function blockLength(buffer: readonly number[], at: number): number | null {
  const kind = buffer[at + 1];
  if (kind === 0x28) {
    if (buffer.length < at + 5) return null;
    const size = 5 + buffer[at + 3]! + buffer[at + 4]! * 256;
    return buffer.length < at + size ? null : size;
  }
  if (kind === 0x76) {
    if (buffer.length < at + 8) return null;
    const size = 8 + (buffer[at + 4]! + buffer[at + 5]! * 256) * (buffer[at + 6]! + buffer[at + 7]! * 256);
    return buffer.length < at + size ? null : size;
  }
  return 0;
}
