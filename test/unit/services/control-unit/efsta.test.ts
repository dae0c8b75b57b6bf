import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EfstaControlUnit, efstaTransactionXml, parseEfstaAnswer } from '../../../../electron/services/control-unit/efsta';
import { ControlUnitError } from '../../../../electron/services/control-unit/port';
import { controlUnitRequest } from '../../../../shared/domain/fiscal';
import { FAKE_SIGN_DEV_ID, startFakeEfsta, type FakeEfsta } from '../../../support/fake-efsta';
import { sampleReceipt } from '../../../support/receipts';

let efsta: FakeEfsta;
beforeEach(async () => {
  efsta = await startFakeEfsta();
});
afterEach(() => efsta.close());

const request = () => controlUnitRequest(sampleReceipt(), { organisationNumber: '556036-0793', tillDesignation: 'Kassa 1' });
const unit = () => new EfstaControlUnit({ baseUrl: efsta.url, location: '001', terminal: 'Kassa 1', timeoutMs: 2_000 });

describe('the efsta EFR adapter', () => {
  it('registers the receipt as efsta’s <Tra><ESR> and returns Kontrollkod and SignDevId from <Fis>', async () => {
    const r = request();
    const answer = await unit().sign(r);
    expect(answer.serial).toBe(FAKE_SIGN_DEV_ID);
    expect(answer.code).toMatch(/^UFFQD564M5SQ2JFEAVNOVXV6O0000003;/);
    expect(answer.training).toBe(false);
    expect(efsta.requests).toHaveLength(1);
    const body = efsta.requests[0]!.body;
    expect(efsta.requests[0]!.path).toBe('/register');
    // Amounts are the receipt's minor units written as decimals: the total and each line.
    expect(body).toContain(`T="${(r.totalMinor / 100).toFixed(2)}"`);
    expect(body).toContain('TN="3"');
    expect(body).toContain('TL="001"');
    expect(body).toContain('TT="Kassa 1"');
    expect(body.match(/<Pos /g)).toHaveLength(r.lines.length);
    expect(body).toContain('Dsc="Smörgåstårta Ærø-æbler"');
    expect(body).toContain('PayG="card"');
  });

  it('names a sale paid another way by its tender: cash in the cash group, a card terminal with its reference as card', () => {
    const base = sampleReceipt();
    const context = { organisationNumber: '556036-0793', tillDesignation: 'Kassa 1' };
    const till = { location: '001', terminal: 'Kassa 1' };
    const cash = { ...base, payment: { ...base.payment, tender: { kind: 'cash' as const, givenMinor: 100_000, changeMinor: 1 } } };
    const cashXml = efstaTransactionXml(controlUnitRequest(cash, context), till);
    expect(cashXml).toContain('Dsc="Kontant" PayG="cash"');
    const terminal = { ...base, payment: { ...base.payment, tender: { kind: 'terminal' as const, reference: 'AUTH 7' } } };
    expect(efstaTransactionXml(controlUnitRequest(terminal, context), till)).toContain('Dsc="Kortterminal AUTH 7" PayG="card"');
  });

  it('sends a request that may have reached the EFR before a restart to /restart', async () => {
    await unit().sign(request(), { resend: true });
    expect(efsta.requests.map((q) => q.path)).toEqual(['/restart']);
  });

  it('RC="NO" (406) and a dropped connection are "unreachable" (try again); RC="BAD" (400) is "refused"', async () => {
    efsta.mode = 'no';
    await expect(unit().sign(request())).rejects.toMatchObject({ name: 'ControlUnitError', kind: 'unreachable' });
    efsta.mode = 'drop';
    await expect(unit().sign(request())).rejects.toMatchObject({ kind: 'unreachable' });
    efsta.mode = 'bad';
    await expect(unit().sign(request())).rejects.toMatchObject({ kind: 'refused' });
    await efsta.close();
    const error = await unit()
      .sign(request())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ControlUnitError);
    expect((error as ControlUnitError).kind).toBe('unreachable');
  });

  it('writes refunds with negative amounts and escapes names', () => {
    const r = {
      ...request(),
      kind: 'refund' as const,
      totalMinor: -12345,
      lines: [{ name: 'A & "B" <C>', quantityMilli: -1000, totalMinor: -12345, vatRate: 2500 }],
    };
    const xml = efstaTransactionXml(r, { location: '001', terminal: '1' });
    expect(xml).toContain('T="-123.45"');
    expect(xml).toContain('Dsc="A &amp; &quot;B&quot; &lt;C&gt;"');
    expect(xml).toContain('Amt="-123.45"');
  });

  it('reads efsta’s documented Swedish answer', () => {
    const answer = parseEfstaAnswer(
      '<TraC SQ="22"><Result RC="OK"><Warning>w-#MISS ESR.PayA</Warning></Result><ESR FN="01-1-8"/><Fis>' +
        '<Tag Label="Kvittonr" Value="2012" Name="FN"/>' +
        '<Tag Label="Kontrollkod" Value="UFFQD564M5SQ2JFEAVNOVXV6O6I7NSIQ;M2O6FTVNVMGKNOEPOOTXJY3M7A" Name="Fiscal"/>' +
        '<Tag Label="Kontrollenhetens tillverkningsnummer" Value="ISCCUSE0000000001" Name="SignDevId"/>' +
        '</Fis></TraC>',
    );
    expect(answer.result).toBe('OK');
    expect(answer.tags.get('Fiscal')).toBe('UFFQD564M5SQ2JFEAVNOVXV6O6I7NSIQ;M2O6FTVNVMGKNOEPOOTXJY3M7A');
    expect(answer.tags.get('SignDevId')).toBe('ISCCUSE0000000001');
    expect(answer.tags.get('FN')).toBe('2012');
  });
});
