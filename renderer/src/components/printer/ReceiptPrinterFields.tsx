import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/domain/settings';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Field } from '../Field';
import { conditionKey } from './condition';
import { PaperRollButton } from './PaperRoll';

const printerKinds = [
  'system',
  'escpos-network',
  'escpos-cups',
  'escpos-virtual',
] as const satisfies readonly Settings['receiptPrinterKind'][];

type Draft = Pick<Settings, 'receiptPrinterKind' | 'receiptPrinter' | 'paperWidthMm' | 'escposPrinter'>;

/**
 * Where receipts print: the system printer (its driver, today's way) or a network ESC/POS
 * printer (address, port, characters per line, cash drawer), with "Print test page" for the
 * printer in the form, before it is saved.
 */
export function ReceiptPrinterFields<D extends Draft>({
  draft,
  setDraft,
  errors,
}: {
  draft: D;
  setDraft: (update: (d: D) => D) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const network = draft.receiptPrinterKind === 'escpos-network';
  const cups = draft.receiptPrinterKind === 'escpos-cups';
  const virtual = draft.receiptPrinterKind === 'escpos-virtual';
  /** Any of these, LinkPOS writes the ESC/POS itself: width, drawer, logo and QR code apply. */
  const escpos = network || cups || virtual;
  // The virtual printer is the demo's: offered in demo mode, and kept visible where it is already chosen.
  const offerVirtual = usePos((s) => s.appInfo?.demo === true) || virtual;
  const setPrinter = <K extends keyof Settings['escposPrinter']>(key: K, value: Settings['escposPrinter'][K]) =>
    setDraft((d) => ({ ...d, escposPrinter: { ...d.escposPrinter, [key]: value } }));
  const field = (name: string, label: string, input: ReactNode) => (
    <Field id={`f-${name}`} label={label} error={errors[name]} errorId={`e-${name}`}>
      {input}
    </Field>
  );
  const invalid = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `e-${name}` } : {});

  return (
    <>
      {field(
        'receiptPrinterKind',
        t('settings.printer.kind'),
        <select
          id="f-receiptPrinterKind"
          className="input"
          value={draft.receiptPrinterKind}
          onChange={(e) =>
            setDraft((d) => ({ ...d, receiptPrinterKind: printerKinds.find((kind) => kind === e.target.value) ?? 'system' }))
          }
        >
          <option value="system">{t('settings.printer.kindSystem')}</option>
          <option value="escpos-network">{t('settings.printer.kindNetwork')}</option>
          <option value="escpos-cups">{t('settings.printer.kindCups')}</option>
          {offerVirtual && <option value="escpos-virtual">{t('settings.printer.kindVirtual')}</option>}
        </select>,
      )}
      {virtual && <p className="hint">{t('settings.printer.virtualHint')}</p>}
      {cups && (
        <CupsPrinterField
          value={draft.escposPrinter.cupsPrinter}
          error={errors['escposPrinter.cupsPrinter']}
          onChange={(name) => setPrinter('cupsPrinter', name)}
        />
      )}
      {!escpos &&
        field(
          'receiptPrinter',
          t('settings.receiptPrinter'),
          <input
            id="f-receiptPrinter"
            className="input"
            value={draft.receiptPrinter}
            {...invalid('receiptPrinter')}
            onChange={(e) => setDraft((d) => ({ ...d, receiptPrinter: e.target.value }))}
          />,
        )}
      {network &&
        field(
          'escposPrinter.host',
          t('settings.printer.host'),
          <input
            id="f-escposPrinter.host"
            className="input"
            value={draft.escposPrinter.host}
            placeholder="192.168.1.50"
            autoComplete="off"
            spellCheck={false}
            {...invalid('escposPrinter.host')}
            onChange={(e) => setPrinter('host', e.target.value)}
          />,
        )}
      {network &&
        field(
          'escposPrinter.port',
          t('settings.printer.port'),
          <input
            id="f-escposPrinter.port"
            className="input"
            type="number"
            min={1}
            max={65535}
            value={draft.escposPrinter.port}
            {...invalid('escposPrinter.port')}
            onChange={(e) => setPrinter('port', Number(e.target.value))}
          />,
        )}
      {field(
        'paperWidthMm',
        t('settings.paperWidth'),
        <select
          id="f-paperWidthMm"
          className="input"
          value={draft.paperWidthMm}
          onChange={(e) => setDraft((d) => ({ ...d, paperWidthMm: Number(e.target.value) === 58 ? 58 : 80 }))}
        >
          <option value={80}>80 mm</option>
          <option value={58}>58 mm</option>
        </select>,
      )}
      {escpos &&
        draft.paperWidthMm === 80 &&
        field(
          'escposPrinter.columns80',
          t('settings.printer.columns'),
          <select
            id="f-escposPrinter.columns80"
            className="input"
            value={draft.escposPrinter.columns80}
            onChange={(e) => setPrinter('columns80', Number(e.target.value) === 42 ? 42 : 48)}
          >
            <option value={48}>48</option>
            <option value={42}>42</option>
          </select>,
        )}
      {escpos && (
        <label className="check">
          <input type="checkbox" checked={draft.escposPrinter.openDrawer} onChange={(e) => setPrinter('openDrawer', e.target.checked)} />{' '}
          {t('settings.printer.openDrawer')}
        </label>
      )}
      {escpos && (
        <label className="check">
          <input type="checkbox" checked={draft.escposPrinter.logo} onChange={(e) => setPrinter('logo', e.target.checked)} />{' '}
          {t('settings.printer.logo')}
        </label>
      )}
      {escpos && draft.escposPrinter.logo && <LogoPicker />}
      {escpos && (
        <label className="check">
          <input type="checkbox" checked={draft.escposPrinter.qrCode} onChange={(e) => setPrinter('qrCode', e.target.checked)} />{' '}
          {t('settings.printer.qrCode')}
        </label>
      )}
      {escpos && (
        <div className="form__actions">
          <TestPageButton draft={draft} />
          {virtual && <PaperRollButton />}
        </div>
      )}
    </>
  );
}

function TestPageButton({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const { host, port, columns80, cupsPrinter } = draft.escposPrinter;
  const paper = { paperWidthMm: draft.paperWidthMm, columns80 };

  /** The printer in the form (not yet saved), and its name in the clerk's words; or the field to fill in first. */
  const target = (): { missing: string } | { input: Parameters<typeof api.printer.testPage>[0]; name: string } => {
    switch (draft.receiptPrinterKind) {
      case 'escpos-cups':
        return cupsPrinter === '' ? { missing: t('main.settingsCupsPrinter') } : { input: { cupsPrinter, ...paper }, name: cupsPrinter };
      case 'escpos-virtual':
        return { input: { virtual: true as const, ...paper }, name: t('settings.printer.virtualName') };
      default:
        return host.trim() === ''
          ? { missing: t('main.settingsPrinterHost') }
          : { input: { host: host.trim(), port, ...paper }, name: `${host.trim()}:${port}` };
    }
  };

  const print = async () => {
    const chosen = target();
    if ('missing' in chosen) return notify('error', chosen.missing);
    setBusy(true);
    try {
      const result = await api.printer.testPage(chosen.input);
      if (!result.ok) return notify('error', errorText(result.error));
      if (result.value.printed) notify('success', t('settings.printer.testPrinted', { printer: chosen.name }));
      else notify('error', t('settings.printer.testNotPrinted', { reason: t(conditionKey(result.value.condition)) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" className="button" onClick={() => void print()} disabled={busy} aria-busy={busy}>
      {t('settings.printer.testPage')}
    </button>
  );
}

/** The receipt logo: a PNG chosen here goes to main at once (made to fit the paper there), or is removed. */
function LogoPicker() {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const [logo, setLogo] = useState<{ width: number; height: number } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.printer.status().then((result) => {
      if (live && result.ok) setLogo(result.value.logo);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const send = async (pngBase64: string | null) => {
    setBusy(true);
    try {
      const result = await api.printer.setLogo({ pngBase64 });
      if (!result.ok) return notify('error', errorText(result.error));
      setLogo(result.value.logo);
      if (pngBase64 !== null) notify('success', t('settings.printer.logoSaved'));
    } finally {
      setBusy(false);
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    await send(btoa(binary));
  };

  return (
    <div className="logo-picker">
      <Field id="f-escposPrinter.logoFile" label={t('settings.printer.logoFile')}>
        <input
          id="f-escposPrinter.logoFile"
          className="input"
          type="file"
          accept="image/png"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </Field>
      <p aria-live="polite">
        {logo ? t('settings.printer.logoChosen', { width: logo.width, height: logo.height }) : t('settings.printer.logoNone')}
      </p>
      {logo && (
        <button type="button" className="button" disabled={busy} onClick={() => void send(null)}>
          {t('settings.printer.logoRemove')}
        </button>
      )}
    </div>
  );
}

/** The computer's printers a raw ESC/POS job can go to (CUPS), read from main when the field is shown. */
function CupsPrinterField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (name: string) => void }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const [list, setList] = useState<{ available: boolean; printers: { name: string; enabled: boolean }[] } | null>(null);
  useEffect(() => {
    let live = true;
    void api.printer.osPrinters().then((result) => {
      if (live && result.ok) setList(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const printers = list?.printers ?? [];
  return (
    <Field id="f-escposPrinter.cupsPrinter" label={t('settings.printer.cupsPrinter')} error={error} errorId="e-escposPrinter.cupsPrinter">
      {list && printers.length === 0 ? (
        <p id="f-escposPrinter.cupsPrinter">{t('settings.printer.cupsNone')}</p>
      ) : (
        <select id="f-escposPrinter.cupsPrinter" className="input" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {value !== '' && !printers.some((p) => p.name === value) && <option value={value}>{value}</option>}
          {printers.map((p) => (
            <option key={p.name} value={p.name}>
              {p.enabled ? p.name : t('settings.printer.cupsStopped', { name: p.name })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
