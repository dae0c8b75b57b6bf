import { t } from '../i18n';
import type { PosStore } from '../store/store';

/**
 * Keyboard-first operation, outside components (like the scanner listener): the handler reads and
 * acts on the store through getState(), so it works on every screen and costs nothing per render.
 *
 * Keys that would type text (+, −, Delete, arrows) act on the cart only when the focus is not in a
 * text field; function keys and Esc always work.
 */
export function installShortcuts(store: PosStore, target: Document = document): () => void {
  /**
   * Digits typed outside a text field, for "24*" (the next item × 24). A scan's first digit also
   * lands here (the scanner can only tell a burst from its second key), so the digits count only
   * while the cart stays as it was when the first was typed.
   */
  let digits = '';
  let digitsCart: unknown = null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const state = store.getState();
    const typing = isTextField(target.activeElement);
    const dialogOpen = state.dialog !== null;

    switch (event.key) {
      case 'F2':
        event.preventDefault();
        if (dialogOpen || state.screen !== 'sell') return;
        if (state.editingLive) void state.submitEditLive();
        else void state.charge();
        return;
      case 'F3':
        event.preventDefault();
        if (state.screen !== 'sell') state.showScreen('sell');
        target.getElementById('product-search')?.focus();
        return;
      case 'F4':
        event.preventDefault();
        if (dialogOpen || state.screen !== 'sell' || (state.sale && !state.editingLive)) return;
        if (event.shiftKey || !state.selectedLineId) state.openDialog({ kind: 'cart-discount' });
        else state.openDialog({ kind: 'line-discount' });
        return;
      case 'F6':
        event.preventDefault();
        // Park sale: holds this cart and starts another; never while a sale is on screen.
        if (dialogOpen || state.screen !== 'sell' || state.sale) return;
        if (state.parkSale()) state.notify('success', t('parked.parkedNotice'));
        return;
      case 'F7':
        event.preventDefault();
        if (dialogOpen || state.screen !== 'sell' || state.sale || state.parked.length === 0) return;
        state.openDialog({ kind: 'parked' });
        return;
      case 'F9':
        event.preventDefault();
        // Price check: the next scans show a price and are not rung up (openPriceCheck knows when).
        state.openPriceCheck();
        return;
      case 'Escape':
        if (dialogOpen) return; // the <dialog> handles its own Esc
        if (state.screen !== 'sell') {
          event.preventDefault();
          state.showScreen('sell');
        } else if (state.notice) {
          state.dismissNotice();
        } else if (state.nextPieces !== null) {
          state.setNextPieces(null);
        } else if (typing) {
          (target.activeElement as HTMLElement).blur();
        }
        return;
    }

    if (typing || dialogOpen || state.screen !== 'sell') return;
    if (/^[0-9]$/.test(event.key)) {
      if (digitsCart !== state.cart) digits = '';
      digits = (digits + event.key).slice(-4);
      digitsCart = state.cart;
      return;
    }
    if (event.key === '*' || event.key === '×') {
      event.preventDefault();
      const typed = digitsCart === state.cart ? digits : '';
      digits = '';
      // "N*" sets the next item's pieces; "*" alone (or "0*") cancels a quantity typed before.
      state.setNextPieces(typed ? Number(typed) : null);
      return;
    }
    digits = '';
    switch (event.key) {
      case '+':
        event.preventDefault();
        state.changeSelectedQuantity(1);
        return;
      case '-':
        event.preventDefault();
        state.changeSelectedQuantity(-1);
        return;
      case 'Delete':
        event.preventDefault();
        state.removeSelectedLine();
        return;
      case 'ArrowUp':
        event.preventDefault();
        state.moveSelection(-1);
        return;
      case 'ArrowDown':
        event.preventDefault();
        state.moveSelection(1);
        return;
    }
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}

export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(element.type);
  }
  return (element as HTMLElement).isContentEditable === true;
}
