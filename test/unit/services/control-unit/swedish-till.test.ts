import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import { readCheckpoint } from '../../../../electron/services/startup/checkpoint-store';
import type { Receipt } from '../../../../shared/domain/receipt';
import { callApp, oneItemCart, openTestApp, sellDemo } from '../../../support/app-services';
import { startSmtpServer, textPdf } from '../../../support/smtp';
import type { ReceiptOutput } from '../../../../electron/services/receipts/output';
import { FakeEscPosPrinter } from '../../../support/fake-printer';

/**
 * A Swedish till end to end through the services the web host runs (demo mode, the simulated
 * control unit): the receipt carries the unit's serial and control code; a receipt the unit could
 * not sign waits (the clerk told), and is signed once when the unit answers, across a restart too;
 * at most one copy. A till that is not Swedish is unchanged.
 */
let dataDir: string;
const apps: AppServices[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'linkpos-fiscal-'));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(env: Record<string, string> = {}, receiptOutput?: ReceiptOutput) {
  const app = await openTestApp(dataDir, { env, ...(receiptOutput ? { receiptOutput } : {}) });
  apps.push(app);
  return app;
}
async function close(app: AppServices) {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

const swedish = {
  shop: { name: 'Bageriet Åkerö AB', organisationNumber: '5560360793', address: 'Storgatan 1, 123 45 Göteborg' },
  sweden: { enabled: true, tillDesignation: 'Kassa 1', controlUnit: { kind: 'simulated' } },
};

async function sell(app: AppServices): Promise<string> {
  const cart = {
    currency: 'SEK',
    discount: null,
    lines: [
      {
        id: 'a',
        barcode: '',
        name: 'Kanelbulle',
        unitPriceMinor: 3500,
        vatRate: 600,
        quantityMilli: 2000,
        weighed: false,
        unit: 'st',
        partNumber: '',
        discount: null,
        custom: true,
      },
    ],
  };
  const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart });
  await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
  return sale.id;
}

const receipt = (app: AppServices, id: string, copy = false) => callApp<Receipt>(app, 'receipt:get', { id, copy });
const switchUnit = async (app: AppServices, reachable: boolean) => {
  const response = await fetch(`${app.sandboxUrl}/__sandbox/switches`, {
    method: 'POST',
    body: JSON.stringify({ 'control-unit-unreachable': !reachable }),
  });
  expect(response.ok).toBe(true);
};
const signed = async (app: AppServices, id: string) =>
  vi.waitFor(
    async () => {
      const r = await receipt(app, id);
      if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('not signed yet');
      return r;
    },
    { timeout: 10_000, interval: 50 },
  );

/** An app with these settings and one sale paid and signed. */
async function signedSale(settings: object) {
  const app = await open();
  await callApp(app, 'settings:save', { settings });
  const id = await sell(app);
  await signed(app, id);
  return { app, id };
}

describe('a Swedish till', () => {
  it('signs every receipt before it is handed over: the unit’s serial and control code on it, with the till designation', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    const r = await signed(app, id);
    expect(r.fiscal).toMatchObject({ organisationNumber: '556036-0793', tillDesignation: 'Kassa 1', electronic: false });
    if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('unsigned');
    expect(r.fiscal.controlUnit.serial).toMatch(/^SIM-SE-[0-9A-Z]{6}-001$/);
    expect(r.fiscal.controlUnit.code).toMatch(/^[A-Z2-7]{32}$/);
    // The simulated unit is not certified: what it signs is a training receipt.
    expect(r.fiscal.controlUnit.training).toBe(true);
    // As e-mailed (the text and the attached PDF's print page): "Elektroniskt kassakvitto", the rest the same.
    const mailed = await callApp<Receipt>(app, 'receipt:get', { id, copy: false, electronic: true });
    expect(mailed.fiscal).toEqual({ ...r.fiscal, electronic: true });
  });

  it('never holds up the payment: while the unit is away the sale is paid, the receipt waits and the clerk is told; it is signed once the unit answers', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    await switchUnit(app, false);
    const id = await sell(app);
    expect((await callApp<{ state: string }>(app, 'sale:get', { id })).state).toBe('paid');
    await vi.waitFor(async () => expect((await receipt(app, id)).fiscal?.controlUnit.state).toBe('waiting'));
    const info = await vi.waitFor(async () => {
      const i = await callApp<{ alarms: { key?: string }[] }>(app, 'app:info');
      expect(i.alarms.map((a) => a.key)).toContain('controlUnitUnreachable');
      return i;
    });
    expect(info.alarms.filter((a) => a.key === 'controlUnitUnreachable')).toHaveLength(1);
    // A receipt without a control code is not printed or saved.
    await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
      /waiting for the control unit/,
    );

    const cleared: unknown[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'app:alarmCleared') cleared.push(payload);
    });
    await switchUnit(app, true);
    const r = await signed(app, id);
    expect(r.fiscal?.controlUnit).toMatchObject({ state: 'signed' });
    // Every waiting receipt is signed: the alarm goes by itself, and the clerk is told briefly.
    await vi.waitFor(() => expect(cleared).toHaveLength(1));
    expect(cleared[0]).toMatchObject({ topic: 'control-unit-waiting', notice: { key: 'controlUnitBack' } });
    const after = await callApp<{ alarms: { key?: string }[] }>(app, 'app:info');
    expect(after.alarms.map((a) => a.key)).not.toContain('controlUnitUnreachable');

    // The unit fails again: the alarm is back for the next receipt.
    await switchUnit(app, false);
    await sell(app);
    await vi.waitFor(async () => {
      const i = await callApp<{ alarms: { key?: string; topic?: string }[] }>(app, 'app:info');
      expect(i.alarms.filter((a) => a.key === 'controlUnitUnreachable')).toEqual([
        expect.objectContaining({ params: { number: 2 }, topic: 'control-unit-waiting' }),
      ]);
    });
  });

  it('a receipt waiting when the till stops is signed after the restart, and only once', async () => {
    let app = await open({ LINKPOS_CONTROL_UNIT_FAULT: 'unreachable' });
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    await vi.waitFor(async () => expect((await receipt(app, id)).fiscal?.controlUnit.state).toBe('waiting'));
    await close(app);

    app = await open();
    const first = await signed(app, id);
    await close(app);
    app = await open();
    const again = await signed(app, id);
    expect(again.fiscal).toEqual(first.fiscal);
    const lines = readFileSync(join(dataDir, 'sales.journal'), 'utf8').split('\n');
    expect(lines.filter((l) => l.includes('"type":"control-unit-request"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"type":"control-unit-signed"'))).toHaveLength(1);
  });

  it('hands the original over once by e-mail too: a second e-mail or print of it is refused; a mail that did not go takes the mark back', async () => {
    const smtp = await startSmtpServer({ user: 'butik@example.test', password: 'Lösen-ord 9' });
    try {
      // The shells draw the PDF in a browser; in Node a one-page PDF stands for it (no printer: printing fails).
      const browserless: ReceiptOutput = {
        print: () => Promise.reject(new Error('no printer here')),
        pdf: (document) => Promise.resolve(textPdf([JSON.stringify(document)])),
      };
      const app = await open({}, browserless);
      const mailTo = { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'butik@example.test', from: '' };
      await callApp(app, 'settings:save', { settings: { ...swedish, smtp: mailTo } });
      await callApp(app, 'mail:setPassword', { password: 'Lösen-ord 9' });
      const id = await sell(app);
      await signed(app, id);
      await expect(callApp(app, 'mail:sendReceipt', { saleId: id, address: 'kund@example.test' })).resolves.toEqual({ sent: true });
      await expect(callApp(app, 'mail:sendReceipt', { saleId: id, address: 'kund@example.test' })).rejects.toThrow(
        /printed, saved or e-mailed already/,
      );
      await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
        /printed, saved or e-mailed already/,
      );
      expect(smtp.mails).toHaveLength(1);

      // The server refuses the next sale's mail: not handed over, so it may be printed (or e-mailed) after all.
      const next = await sell(app);
      await signed(app, next);
      smtp.rejectWith = '550 mailbox unavailable';
      await expect(callApp(app, 'mail:sendReceipt', { saleId: next, address: 'kund@example.test' })).rejects.toThrow();
      smtp.rejectWith = null;
      await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id: next, copy: false } })).resolves.toBeTruthy();
      await expect(callApp(app, 'mail:sendReceipt', { saleId: next, address: 'kund@example.test' })).rejects.toThrow(
        /printed, saved or e-mailed already/,
      );
      expect(smtp.mails).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('makes at most one copy of a receipt, signed as a copy and marked as one', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    const original = await signed(app, id);
    // The web host in Node has no printer: the copy is signed, then printing itself fails.
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/desktop|print/i);
    const copy = await receipt(app, id, true);
    expect(copy.copy).toBe(true);
    if (copy.fiscal?.controlUnit.state !== 'signed' || original.fiscal?.controlUnit.state !== 'signed') throw new Error('unsigned');
    expect(copy.fiscal.controlUnit.code).not.toBe(original.fiscal.controlUnit.code);
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
  });

  describe('on the thermal printer (the demo’s virtual ESC/POS printer)', () => {
    const onPaper = { ...swedish, receiptPrinterKind: 'escpos-virtual' };
    type Piece = { kind: string; text?: string; width?: number; height?: number };
    const papers = async (app: AppServices) =>
      (await callApp<{ papers: { cut: boolean; pieces: Piece[] }[] }>(app, 'printer:paperRoll')).papers.filter((p) => p.cut);
    const textsOf = (paper: { pieces: Piece[] }) => paper.pieces.flatMap((p) => (p.kind === 'text' ? [p.text!.trim()] : []));
    const journalLines = () => readFileSync(join(dataDir, 'sales.journal'), 'utf8').split('\n');
    const copyRequests = () => journalLines().filter((l) => l.includes('"type":"control-unit-request"') && l.includes(':copy"'));
    /** The print queue as the till left it when it stopped while the original's bytes were on their way to the printer. */
    const stoppedWhilePrinting = (saleId: string) => leftInQueue({ saleId, copy: false, sending: true, unconfirmed: false });
    /** The print queue file as a stop left it: one receipt job, in the state given. */
    const leftInQueue = (job: { saleId: string; copy: boolean; sending: boolean; unconfirmed: boolean; copyRequested?: boolean }) => {
      const { saleId, copy, ...state } = job;
      const document = { kind: 'receipt', saleId, copy };
      writeFileSync(
        join(dataDir, 'print-queue.json'),
        JSON.stringify({ version: 1, jobs: [{ id: 'j1', document, queuedAt: new Date().toISOString(), ...state }] }),
      );
    };
    /** The print queue as a stop left it: the job's intent to make its copy on disk (made before the copy is). */
    const stoppedWhileCopying = (saleId: string, copy: boolean) =>
      leftInQueue({ saleId, copy, sending: false, unconfirmed: !copy, copyRequested: true });
    /** A signed sale, then the till stopped while its original was on its way to the printer. */
    const paidThenStoppedWhilePrinting = async () => {
      const app = await open();
      await callApp(app, 'settings:save', { settings: onPaper });
      const id = await sell(app);
      await signed(app, id);
      await close(app);
      stoppedWhilePrinting(id);
      return id;
    };
    /** The one copy on paper: KOPIA twice the amounts' size, and the copy's own control code. */
    const expectCopyOnPaper = async (app: AppServices, id: string) => {
      const copy = await vi.waitFor(
        async () => {
          const r = await receipt(app, id, true);
          if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('copy not signed yet');
          return r.fiscal.controlUnit;
        },
        { timeout: 10_000, interval: 50 },
      );
      const paper = await vi.waitFor(
        async () => {
          const found = (await papers(app)).find((p) => textsOf(p).includes('KOPIA'));
          if (!found) throw new Error('no copy on paper yet');
          return found;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(paper.pieces.find((p) => p.kind === 'text' && p.text!.trim() === 'KOPIA')).toMatchObject({ width: 2, height: 2 });
      expect(textsOf(paper).join('\n')).toContain(copy.code);
      return copy;
    };

    it('a copy is signed by the unit as the copy before it is queued, and a second copy, on any printer, is refused', async () => {
      const app = await open();
      await callApp(app, 'settings:save', { settings: onPaper });
      const id = await sell(app);
      const original = await signed(app, id);
      await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } });
      const copy = await expectCopyOnPaper(app, id);
      if (original.fiscal?.controlUnit.state !== 'signed') throw new Error('unsigned');
      expect(copy.code).not.toBe(original.fiscal.controlUnit.code);
      expect(copyRequests()).toHaveLength(1);
      await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
      await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
      expect(copyRequests()).toHaveLength(1);
      expect((await papers(app)).filter((p) => textsOf(p).includes('KOPIA'))).toHaveLength(1);
    });

    const copiesSigned = () => journalLines().filter((l) => l.includes('"type":"control-unit-signed"') && l.includes(':copy"'));
    /** A signed sale on a till with these settings, then two copies of its receipt asked for at once. */
    const twoCopiesAtOnce = async (settings: object, channel: 'printout:print' | 'printout:pdf') => {
      const { app, id } = await signedSale(settings);
      const asked = await Promise.allSettled([0, 1].map(() => callApp(app, channel, { document: { kind: 'receipt', id, copy: true } })));
      return { app, id, asked };
    };

    it('two reprints asked at once (a double click) make one copy: one signed, one printed, the other refused', async () => {
      const { app, id, asked } = await twoCopiesAtOnce(onPaper, 'printout:print');
      expect(asked.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const refused = asked.find((a) => a.status === 'rejected');
      expect(String(refused?.reason)).toMatch(/one copy/);
      await expectCopyOnPaper(app, id);
      await vi.waitFor(async () => expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(0));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await papers(app)).filter((p) => textsOf(p).includes('KOPIA'))).toHaveLength(1);
      expect(copyRequests()).toHaveLength(1);
      expect(copiesSigned()).toHaveLength(1);
    });

    it('two copies saved as PDF at once: one is made, the other refused as a second copy', async () => {
      const { asked } = await twoCopiesAtOnce(swedish, 'printout:pdf');
      // (The web host in Node makes no PDF: the copy made is signed, then its PDF fails.)
      const reasons = asked.map((a) => (a.status === 'rejected' ? String(a.reason) : 'made'));
      expect(reasons.filter((r) => /one copy/.test(r))).toHaveLength(1);
      expect(copyRequests()).toHaveLength(1);
      expect(copiesSigned()).toHaveLength(1);
    });

    it('an original the printer may have printed (the till stopped while sending it) is reprinted as the copy the unit signed', async () => {
      const id = await paidThenStoppedWhilePrinting();
      const app = await open();
      await expectCopyOnPaper(app, id);
      expect(copyRequests()).toHaveLength(1);
      // That was the receipt's one copy.
      await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
    });

    it('while the unit is away the reprint’s copy waits, and prints once the unit signs it; once its copy exists no reprint is made', async () => {
      const id = await paidThenStoppedWhilePrinting();
      let app = await open({ LINKPOS_CONTROL_UNIT_FAULT: 'unreachable' });
      await vi.waitFor(async () => expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(0));
      expect(copyRequests()).toHaveLength(1);
      expect((await receipt(app, id, true)).fiscal?.controlUnit.state).toBe('waiting');
      const info = await callApp<{ alarms: { key?: string }[] }>(app, 'app:info');
      expect(info.alarms.map((a) => a.key)).toContain('controlUnitUnreachable');
      expect(info.alarms.map((a) => a.key)).not.toContain('printerJobDropped');
      await switchUnit(app, true);
      await expectCopyOnPaper(app, id);
      expect(copyRequests()).toHaveLength(1);
      await close(app);

      // Another stop mid-print of the same original: its one copy exists, so nothing is printed and the clerk is told.
      stoppedWhilePrinting(id);
      app = await open();
      await vi.waitFor(async () =>
        expect((await callApp<{ alarms: { key?: string }[] }>(app, 'app:info')).alarms.map((a) => a.key)).toContain('printerReprintNoCopy'),
      );
      expect(await papers(app)).toEqual([]);
      expect(copyRequests()).toHaveLength(1);
    });

    it('hands the original over once — a second print or PDF of it is refused, across a restart — while its one copy may still be made', async () => {
      let app = await open();
      await callApp(app, 'settings:save', { settings: swedish });
      const id = await sell(app);
      await signed(app, id);
      // The web host in Node has no system printer: a print that fails hands nothing over.
      await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(/desktop/);
      await callApp(app, 'settings:save', { settings: onPaper });
      await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } })).resolves.toMatchObject({
        queued: true,
      });
      await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
        /printed, saved or e-mailed already/,
      );
      await close(app);
      app = await open();
      await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
        /printed, saved or e-mailed already/,
      );
      // "As e-mailed" is main's own mark (its mailer's PDF): a window that sends it gets no second original.
      for (const channel of ['printout:pdf', 'printout:print'] as const) {
        await expect(callApp(app, channel, { document: { kind: 'receipt', id, copy: false, electronic: true } })).rejects.toThrow(
          /printed, saved or e-mailed already/,
        );
      }
      await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } });
      await expectCopyOnPaper(app, id);
      // (The virtual printer's roll starts empty at the restart: only the copy is on it.)
      expect((await papers(app)).map((p) => textsOf(p).includes('KOPIA'))).toEqual([true]);
    });

    it('the original stays handed over when control-unit.json is lost or rolled back: after a restart it is a copy, not a second original', async () => {
      let app = await open();
      await callApp(app, 'settings:save', { settings: onPaper });
      const id = await sell(app);
      await signed(app, id);
      const file = join(dataDir, 'control-unit.json');
      const beforeHandOver = readFileSync(file, 'utf8');
      await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } })).resolves.toMatchObject({
        queued: true,
      });
      expect(journalLines().filter((l) => l.includes('"type":"receipt-handed-over"'))).toHaveLength(1);
      await close(app); // the checkpoint is written at shutdown

      // Rolled back to before the hand-over, then lost altogether: each time rebuilt from the journal.
      for (const damage of [() => writeFileSync(file, beforeHandOver), () => rmSync(file)]) {
        damage();
        app = await open();
        for (const channel of ['printout:pdf', 'printout:print'] as const) {
          await expect(callApp(app, channel, { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
            /printed, saved or e-mailed already/,
          );
        }
        await close(app);
      }
      app = await open();
      await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } });
      await expectCopyOnPaper(app, id);
      expect(copyRequests()).toHaveLength(1);
    });

    describe('a reprint whose copy was being made when the till stopped is printed once, and the copy made once', () => {
      const expectOneCopyPrinted = async (app: AppServices, id: string) => {
        await expectCopyOnPaper(app, id);
        await vi.waitFor(async () => expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(0));
        // Nothing else comes: one copy made, one printed, and the clerk is not told it was refused.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await papers(app)).filter((p) => textsOf(p).includes('KOPIA'))).toHaveLength(1);
        expect(copyRequests()).toHaveLength(1);
        const info = await callApp<{ alarms: { key?: string }[] }>(app, 'app:info');
        expect(info.alarms.map((a) => a.key)).not.toContain('printerReprintNoCopy');
        await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
      };
      /** A signed sale on a till printing on paper, closed; `copy` runs before it closes. */
      const paidAndClosed = async (copy?: (app: AppServices, id: string) => Promise<void>) => {
        const app = await open();
        await callApp(app, 'settings:save', { settings: swedish });
        const id = await sell(app);
        await signed(app, id);
        await copy?.(app, id);
        await callApp(app, 'settings:save', { settings: onPaper });
        await close(app);
        return id;
      };
      // The copy made (signed) and the till stopped before it was printed: on a till without a printer
      // of its own the copy is signed first, then printing fails — as a stop there would leave it.
      const copyMadeNotPrinted = async (app: AppServices, id: string) => {
        await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/desktop|print/i);
      };

      for (const copy of [false, true])
        it(`${copy ? 'the clerk’s copy' : 'the queue’s own reprint'}: stopped after the intent, before the copy — the copy is made at the start and printed`, async () => {
          const id = await paidAndClosed();
          stoppedWhileCopying(id, copy);
          expect(copyRequests()).toHaveLength(0);
          const app = await open();
          await expectOneCopyPrinted(app, id);
        });

      for (const copy of [false, true])
        it(`${copy ? 'the clerk’s copy' : 'the queue’s own reprint'}: stopped after the copy was signed, before its job was saved — printed, not made again`, async () => {
          const id = await paidAndClosed(copyMadeNotPrinted);
          expect(copyRequests()).toHaveLength(1);
          stoppedWhileCopying(id, copy);
          const app = await open();
          await expectOneCopyPrinted(app, id);
        });

      for (const copy of [false, true])
        it(`${copy ? 'the clerk’s copy' : 'the queue’s own reprint'}: stopped while the unit was signing the copy (it waited) — printed once when the unit signs it`, async () => {
          const id = await paidAndClosed(async (app, saleId) => {
            await switchUnit(app, false);
            await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id: saleId, copy: true } })).rejects.toThrow(
              /waiting|control unit/i,
            );
          });
          expect(copyRequests()).toHaveLength(1);
          stoppedWhileCopying(id, copy);
          const app = await open();
          await expectOneCopyPrinted(app, id);
        });
    });

    it('the clerk’s copy left waiting for the unit at a stop, signed while the paper is out: printed once the paper is back', async () => {
      const printer = await FakeEscPosPrinter.start();
      try {
        printer.setPaperOut(true);
        let app = await open();
        await callApp(app, 'settings:save', { settings: swedish });
        const id = await sell(app);
        await signed(app, id);
        await switchUnit(app, false);
        await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(
          /waiting|control unit/i,
        );
        await callApp(app, 'settings:save', {
          settings: { receiptPrinterKind: 'escpos-network', escposPrinter: { host: '127.0.0.1', port: printer.port } },
        });
        await close(app);
        // The clerk's copy job, its intent on disk, as the till stopped while the unit was signing it.
        stoppedWhileCopying(id, true);
        app = await open();
        // The unit signs the copy while the job cannot print: the signed copy is queued to print.
        await vi.waitFor(() => expect(copiesSigned()).toHaveLength(1), {
          timeout: 10_000,
          interval: 50,
        });
        await vi.waitFor(async () => expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(2), {
          timeout: 10_000,
          interval: 50,
        });
        printer.setPaperOut(false);
        await vi.waitFor(async () => expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(0), {
          timeout: 10_000,
          interval: 50,
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        const slips = printer.cutSlips().map((slip) => slip.map((line) => line.trim()));
        expect(slips.filter((slip) => slip.includes('KOPIA'))).toHaveLength(1);
        expect(slips).toHaveLength(1);
        expect(copyRequests()).toHaveLength(1);
      } finally {
        await printer.close();
      }
    });

    it('a reprint left from a stop before its copy was asked for prints nothing when a copy was saved as PDF while it waited for the printer', async () => {
      const printer = await FakeEscPosPrinter.start();
      try {
        printer.setPaperOut(true);
        const first = await signedSale(swedish);
        const id = first.id;
        let app = first.app;
        await callApp(app, 'settings:save', {
          settings: { receiptPrinterKind: 'escpos-network', escposPrinter: { host: '127.0.0.1', port: printer.port } },
        });
        await close(app);
        // The clerk's reprint as a stop left it: its intent on disk, its copy not asked for yet.
        stoppedWhileCopying(id, true);
        expect(copyRequests()).toHaveLength(0);
        app = await open();
        await vi.waitFor(async () => expect((await callApp<{ condition: string }>(app, 'printer:status')).condition).toBe('paper-out'), {
          timeout: 10_000,
          interval: 50,
        });
        // While it waits for paper, the receipt's one copy is made another way (a PDF; in the web host the PDF itself then fails).
        await callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: true } }).catch(() => undefined);
        expect(copiesSigned()).toHaveLength(1);
        printer.setPaperOut(false);
        await vi.waitFor(async () => expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(0), {
          timeout: 10_000,
          interval: 50,
        });
        // That was the one copy: the reprint is dropped and the clerk told; no second copy on paper.
        const info = await callApp<{ alarms: { key?: string }[] }>(app, 'app:info');
        expect(info.alarms.map((a) => a.key)).toContain('printerReprintNoCopy');
        expect(printer.cutSlips()).toEqual([]);
        expect(copyRequests()).toHaveLength(1);
      } finally {
        await printer.close();
      }
    });

    it('the clerk’s copy on the thermal printer is queued with its intent before the copy is made, and a refused one queues nothing', async () => {
      const app = await open();
      await callApp(app, 'settings:save', { settings: onPaper });
      const id = await sell(app);
      await signed(app, id);
      await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } });
      await expectCopyOnPaper(app, id);
      await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
      expect((await callApp<{ queued: number }>(app, 'printer:status')).queued).toBe(0);
      expect(copyRequests()).toHaveLength(1);
    });

    it('a till that is not Swedish prints an original as often as asked, as before', async () => {
      const app = await open();
      await callApp(app, 'settings:save', {
        settings: { demoProvider: 'straumur', currency: 'ISK', receiptPrinterKind: 'escpos-virtual' },
      });
      const id = await sellDemo(app, { ...oneItemCart(45000), currency: 'ISK' });
      for (let i = 0; i < 2; i++)
        await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } })).resolves.toMatchObject({
          queued: true,
        });
    });

    it('prints a Swedish receipt in Swedish when the clerk works in Finnish (5 kap. 2 § SKVFS 2014:10: Swedish or English)', async () => {
      const app = await open();
      await callApp(app, 'settings:save', { settings: { ...onPaper, uiLanguage: 'fi' } });
      const id = await sell(app);
      await signed(app, id);
      await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } });
      const paper = await vi.waitFor(
        async () => {
          const [first] = await papers(app);
          if (!first) throw new Error('nothing on paper yet');
          return textsOf(first).join('\n');
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(paper).toContain('Kassabeteckning: Kassa 1');
      expect(paper).toContain('Kontrollkod');
      expect(paper).not.toContain('Kassan tunnus');
    });

    it('a refund receipt’s copy is signed as that refund’s copy, not the sale’s', async () => {
      const app = await open();
      await callApp(app, 'settings:save', { settings: onPaper });
      const id = await sell(app);
      await signed(app, id);
      await callApp(app, 'sale:refund', { id, refundNumber: 1, lines: [{ lineId: 'a', quantityMilli: 1000 }], reason: 'Trasig' });
      await vi.waitFor(
        async () => {
          const r = await callApp<Receipt>(app, 'receipt:get', { id, copy: false, refund: 1 });
          if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('refund not signed yet');
        },
        { timeout: 10_000, interval: 50 },
      );
      await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true, refund: 1 } });
      const copy = await vi.waitFor(async () => {
        const r = await callApp<Receipt>(app, 'receipt:get', { id, copy: true, refund: 1 });
        if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('refund copy not signed yet');
        return r;
      });
      expect(copy.totalMinor).toBe(-3500);
      expect(copyRequests().map((l) => /"key":"([^"]+)"/.exec(l)![1])).toEqual(['refund-training:1:copy']);
      // The sale's own receipt still has its copy to give.
      expect((await receipt(app, id, true)).fiscal?.controlUnit.state).toBe('waiting');
    });
  });

  it('signs a refund receipt too, in the refunds’ series, with its negative total', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    await signed(app, id);
    await callApp(app, 'sale:refund', { id, refundNumber: 1, lines: [{ lineId: 'a', quantityMilli: 1000 }], reason: 'Trasig' });
    const refund = await vi.waitFor(
      async () => {
        const r = await callApp<Receipt>(app, 'receipt:get', { id, copy: false, refund: 1 });
        if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('refund not signed yet');
        return r;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(refund.totalMinor).toBe(-3500);
    const lines = readFileSync(join(dataDir, 'sales.journal'), 'utf8').split('\n');
    // A demo sale's refund is a training refund: its own series, its negative total.
    const request = lines.find((l) => l.includes('"type":"control-unit-request"') && l.includes('"key":"refund-training:1:original"'));
    expect(request).toBeDefined();
    expect(request).toContain('"totalMinor":-3500');
    expect(lines.filter((l) => l.includes('"type":"control-unit-signed"') && l.includes('refund-training:1:original'))).toHaveLength(1);
  });

  it('leaves a till that is not Swedish exactly as it was (an Icelandic till, say)', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: { demoProvider: 'straumur', currency: 'ISK' } });
    const cart = {
      currency: 'ISK',
      discount: null,
      lines: [
        {
          id: 'a',
          barcode: '',
          name: 'Kleina',
          unitPriceMinor: 45000,
          vatRate: 1100,
          quantityMilli: 1000,
          weighed: false,
          unit: 'stk',
          partNumber: '',
          discount: null,
          custom: true,
        },
      ],
    };
    const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart });
    await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
    const r = await receipt(app, sale.id);
    expect(r.fiscal).toBeNull();
    expect((await callApp<Receipt>(app, 'receipt:get', { id: sale.id, copy: false, electronic: true })).fiscal).toBeNull();
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id: sale.id, copy: true } })).rejects.toThrow(
      /desktop|print/i,
    );
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id: sale.id, copy: true } })).rejects.toThrow(
      /desktop|print/i,
    );
    // Its unit holds nothing: no control-unit file at the checkpoint, nor after a restart from it.
    await close(app);
    expect(existsSync(join(dataDir, 'control-unit.json'))).toBe(false);
    const { checkpoint } = await readCheckpoint(dataDir);
    expect(checkpoint?.controlUnit).toBe(false);
    await close(await open());
    expect(existsSync(join(dataDir, 'control-unit.json'))).toBe(false);
  });

  it('a till once Swedish, then switched off, still rebuilds a lost control-unit file: its original stays handed over', async () => {
    const first = await signedSale({ ...swedish, receiptPrinterKind: 'escpos-virtual' });
    const id = first.id;
    let app = first.app;
    await callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } });
    await callApp(app, 'settings:save', { settings: { sweden: { ...swedish.sweden, enabled: false } } });
    await close(app);
    expect((await readCheckpoint(dataDir)).checkpoint?.controlUnit).toBe(true);
    rmSync(join(dataDir, 'control-unit.json'));
    app = await open();
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
      /printed, saved or e-mailed already/,
    );
  });
});
