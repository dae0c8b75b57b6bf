import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paper, PaperPiece } from '../../../../shared/ipc/channels/printer';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Dialog } from '../Dialog';
import './paper-roll.css';

/** How often the open roll asks for new paper: the virtual printer has no event of its own, and it is on loopback. */
const REFRESH_MS = 1000;

/** "Show paper roll": shown where receipts go to the demo's virtual printer (the Paid screen, Settings). */
export function PaperRollButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('paperRoll.show')}
      </button>
      {open && <PaperRollDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** The virtual printer's papers as a white strip, oldest first, the newest scrolled into view. */
function PaperRollDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const [papers, setPapers] = useState<Paper[] | null>(null);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await api.printer.paperRoll();
      if (!live) return;
      if (!result.ok) {
        notify('error', errorText(result.error));
        return;
      }
      setPapers((before) => (before && JSON.stringify(before) === JSON.stringify(result.value.papers) ? before : result.value.papers));
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, notify]);

  // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [papers]);

  return (
    <Dialog title={t('paperRoll.title')} onClose={onClose}>
      <section className="paper-roll" aria-label={t('paperRoll.region')} tabIndex={0}>
        {papers?.length === 0 && <p className="paper-roll__empty">{t('paperRoll.empty')}</p>}
        {papers?.map((paper, index) => (
          <PaperSlip key={`${paper.printedAt}-${index}`} paper={paper} />
        ))}
        <div ref={end} />
      </section>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('paperRoll.close')}
        </button>
      </div>
    </Dialog>
  );
}

function PaperSlip({ paper }: { paper: Paper }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="paper">
        {paper.pieces.map((piece, index) => (
          <PaperLine key={index} piece={piece} />
        ))}
      </div>
      {paper.cut && (
        <div className="paper__cut" role="separator" aria-label={t('paperRoll.cut')}>
          <span aria-hidden="true">✂</span>
        </div>
      )}
    </>
  );
}

function PaperLine({ piece }: { piece: PaperPiece }) {
  const { t } = useTranslation();
  if (piece.kind === 'image') {
    return (
      <div className="paper__image">
        {/* Printer dots at 203 dpi are about 0.125 mm; half a CSS pixel keeps an 80 mm roll's 576 dots in the strip. */}
        <img
          src={piece.src}
          width={piece.width / 2}
          height={piece.height / 2}
          alt={piece.qr === null ? t('paperRoll.logo') : t('paperRoll.qr', { data: piece.qr })}
        />
      </div>
    );
  }
  const large = piece.width > 1 || piece.height > 1;
  return (
    <div
      className={`paper__line paper__line--${piece.align}${piece.bold ? ' paper__line--bold' : ''}${large ? ' paper__line--large' : ''}`}
      style={large ? { fontSize: `${piece.height}em`, letterSpacing: `${(piece.width / piece.height - 1) * 0.6}em` } : undefined}
    >
      {piece.text === '' ? '\u00a0' : piece.text}
    </div>
  );
}
