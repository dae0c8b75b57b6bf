// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PosApi } from '../../../shared/ipc/contract';
import { createPosStore } from '../../../renderer/src/store/store';

describe('alarms on screen', () => {
  it('add up instead of replacing each other, and stay when the clerk changes screen', () => {
    const store = createPosStore({} as PosApi);
    store.getState().raiseAlarm('Sales journal line 12: checksum does not match.');
    store.getState().raiseAlarm('The product catalog could not be read.');
    store.getState().raiseAlarm('The product catalog could not be read.'); // the same alarm again
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      alarm: true,
      message: 'Sales journal line 12: checksum does not match. The product catalog could not be read.',
    });
    store.getState().showScreen('history');
    expect(store.getState().notice?.message).toContain('checksum does not match');
    store.getState().dismissNotice();
    expect(store.getState().notice).toBeNull();
  });

  it('an ordinary message still belongs to the screen it was said on', () => {
    const store = createPosStore({} as PosApi);
    store.getState().notify('error', 'Not a valid barcode.');
    store.getState().showScreen('settings');
    expect(store.getState().notice).toBeNull();
  });
});
