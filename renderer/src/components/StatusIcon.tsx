import type { SaleState } from '../../../shared/domain/sale';

/**
 * Icons drawn as SVG rather than emoji: a till's Linux image often has no emoji font, and a
 * missing glyph would leave colour as the only signal.
 */
const paths: Record<SaleState, string> = {
  // clock
  creating: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 5v5.4l3.6 2.1-1 1.7L11 13.5V7h2z',
  waiting: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 5v5.4l3.6 2.1-1 1.7L11 13.5V7h2z',
  // phone
  opened:
    'M7 1h10a2 2 0 0 1 2 2v18a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2zm0 3v14h10V4H7zm5 15.5a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z',
  // hourglass half-full: the customer is still signing or the order is being debited
  completing: 'M6 2h12v6l-4 4 4 4v6H6v-6l4-4-4-4V2zm2 2v3.2l4 4 4-4V4H8z',
  // check
  paid: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  // hourglass
  expired: 'M6 2h12v6l-4 4 4 4v6H6v-6l4-4-4-4V2zm2 2v3.2l4 4 4-4V4H8zm4 8.8-4 4V20h8v-3.2l-4-4z',
  // cross
  cancelled: 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7l-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z',
  // warning triangle
  failed: 'M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z',
  'needs-attention': 'M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z',
};

export function StatusIcon({ state }: { state: SaleState }) {
  return (
    <svg className="status__icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={paths[state]} />
    </svg>
  );
}
