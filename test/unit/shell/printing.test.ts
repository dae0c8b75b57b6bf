import { describe, expect, it, vi } from 'vitest';

// printing.ts imports only types from electron; the mock proves nothing there loads it at run time.
vi.mock('electron', () => {
  throw new Error('printing.ts must not load electron at run time');
});

const { createElectronReceiptOutput, printPageUrl } = await import('../../../electron/shell/printing');

type PrintCall = { options: Record<string, unknown> };

/** A hidden window whose page reports ready (or an error), with printers and a print result to choose. */
function fakeWindowClass(world: {
  printers: string[];
  result: [boolean, string];
  pageError?: string;
  readyAfterPolls?: number;
  windows: FakeWindow[];
}) {
  return class extends FakeWindow {
    constructor(options: Record<string, unknown>) {
      super(options, world);
      world.windows.push(this);
    }
  };
}

class FakeWindow {
  url = '';
  destroyed = false;
  prints: PrintCall[] = [];
  pdfOptions: unknown = null;
  private polls = 0;
  constructor(
    readonly options: Record<string, unknown>,
    private readonly world: { printers: string[]; result: [boolean, string]; pageError?: string; readyAfterPolls?: number },
  ) {}
  loadURL(url: string) {
    this.url = url;
    return Promise.resolve();
  }
  destroy() {
    this.destroyed = true;
  }
  webContents = {
    executeJavaScript: (code: string) => {
      if (code.includes('scrollHeight')) return Promise.resolve(600);
      this.polls += 1;
      const ready = this.polls > (this.world.readyAfterPolls ?? 0) ? '1' : null;
      return Promise.resolve(JSON.stringify({ ready: this.world.pageError ? null : ready, error: this.world.pageError ?? null }));
    },
    getPrintersAsync: () => Promise.resolve(this.world.printers.map((name) => ({ name }))),
    print: (options: Record<string, unknown>, callback: (success: boolean, reason: string) => void) => {
      this.prints.push({ options });
      callback(...this.world.result);
    },
    printToPDF: (options: unknown) => {
      this.pdfOptions = options;
      return Promise.resolve(Buffer.from('%PDF-1.7'));
    },
  };
}

function output(world: Parameters<typeof fakeWindowClass>[0]) {
  return createElectronReceiptOutput({
    BrowserWindow: fakeWindowClass(world) as never,
    pageUrl: 'app://linkpos/index.html',
    preloadPath: '/app/preload.cjs',
    isDev: false,
    sleep: () => Promise.resolve(),
    readyTimeoutMs: 200,
  });
}

const receipt = { kind: 'receipt', id: 'sale-1', copy: true } as const;

describe('Electron receipt output', () => {
  it('loads the print page for the document in a hidden, sandboxed window', async () => {
    const world = { printers: ['TM-T20'], result: [true, ''] as [boolean, string], windows: [] as FakeWindow[], readyAfterPolls: 3 };
    await output(world).print(receipt, { deviceName: 'TM-T20', paperWidthMm: 80 });
    const [window] = world.windows;
    expect(window!.url).toBe('app://linkpos/index.html?view=receipt&id=sale-1&copy=1');
    expect(window!.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/preload.cjs' },
    });
    expect(window!.destroyed).toBe(true);
  });

  it('prints silently to the chosen printer with the roll’s width and no margins', async () => {
    const world = { printers: ['Office laser', 'TM-T20'], result: [true, ''] as [boolean, string], windows: [] as FakeWindow[] };
    const outcome = await output(world).print(receipt, { deviceName: 'TM-T20', paperWidthMm: 58 });
    expect(outcome).toEqual({ printed: true, printer: 'TM-T20', dialog: false });
    expect(world.windows[0]!.prints[0]!.options).toMatchObject({
      silent: true,
      deviceName: 'TM-T20',
      margins: { marginType: 'none' },
      pageSize: { width: 58_000 },
    });
  });

  it.each([
    ['no printer is set', ''],
    ['the chosen printer is missing', 'Gone printer'],
  ])('falls back to the print dialog when %s', async (_case, deviceName) => {
    const world = { printers: ['TM-T20'], result: [true, ''] as [boolean, string], windows: [] as FakeWindow[] };
    const outcome = await output(world).print(receipt, { deviceName, paperWidthMm: 80 });
    expect(outcome).toEqual({ printed: true, printer: '', dialog: true });
    const options = world.windows[0]!.prints[0]!.options;
    expect(options.silent).toBe(false);
    expect(options).not.toHaveProperty('deviceName');
  });

  it('reports the printer’s own reason when printing fails, never a silent success', async () => {
    const world = { printers: ['TM-T20'], result: [false, 'Printer is out of paper'] as [boolean, string], windows: [] as FakeWindow[] };
    await expect(output(world).print(receipt, { deviceName: 'TM-T20', paperWidthMm: 80 })).rejects.toThrow(
      'The printer “TM-T20” did not print the receipt: Printer is out of paper.',
    );
    expect(world.windows[0]!.destroyed).toBe(true);
  });

  it('answers "not printed" when the clerk cancels the dialog', async () => {
    const world = { printers: [], result: [false, 'cancelled'] as [boolean, string], windows: [] as FakeWindow[] };
    expect(await output(world).print(receipt, { deviceName: '', paperWidthMm: 80 })).toEqual({ printed: false, printer: '', dialog: true });
  });

  it('passes on why the page could not draw the receipt', async () => {
    const world = {
      printers: [],
      result: [true, ''] as [boolean, string],
      pageError: 'Only a paid sale has a receipt.',
      windows: [] as FakeWindow[],
    };
    await expect(output(world).pdf(receipt, { paperWidthMm: 80 })).rejects.toThrow('Only a paid sale has a receipt.');
  });

  it('gives up with a plain sentence when the page never gets ready', async () => {
    const world = { printers: [], result: [true, ''] as [boolean, string], readyAfterPolls: 1_000, windows: [] as FakeWindow[] };
    await expect(output(world).pdf(receipt, { paperWidthMm: 80 })).rejects.toThrow(
      'The receipt could not be prepared for printing in time. Try again.',
    );
    expect(world.windows[0]!.destroyed).toBe(true);
  });

  it('renders a PDF sized by the page’s own @page rule', async () => {
    const world = { printers: [], result: [true, ''] as [boolean, string], windows: [] as FakeWindow[] };
    const bytes = await output(world).pdf({ kind: 'z-report', number: 4 }, { paperWidthMm: 80 });
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7');
    expect(world.windows[0]!.url).toBe('app://linkpos/index.html?view=report&kind=z&number=4');
    expect(world.windows[0]!.pdfOptions).toMatchObject({ preferCSSPageSize: true, printBackground: true });
  });

  it('builds print page URLs on the dev server too', () => {
    expect(printPageUrl('http://localhost:5173/', { kind: 'x-report', upToSeq: 12 })).toBe(
      'http://localhost:5173/?view=report&kind=x&upToSeq=12',
    );
  });
});
