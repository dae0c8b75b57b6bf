// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PosApi } from '../../../shared/ipc/contract';
import { createPosStore } from '../../../renderer/src/store/store';

describe('alarms', () => {
  it('add up, each once, apart from the passing notices, and stay until dismissed', () => {
    const store = createPosStore({} as PosApi);
    store.getState().raiseAlarm('Sales journal line 12: checksum does not match.');
    store.getState().raiseAlarm('The product catalog could not be read.');
    store.getState().raiseAlarm('The product catalog could not be read.'); // the same alarm again
    store.getState().notify('error', 'Not a valid barcode.'); // a scan error does not hide them
    store.getState().showScreen('history');
    expect(store.getState().alarms).toEqual(['Sales journal line 12: checksum does not match.', 'The product catalog could not be read.']);
    expect(store.getState().notice).toBeNull(); // an ordinary message belongs to the screen it was said on
    store.getState().dismissAlarms();
    expect(store.getState().alarms).toEqual([]);
  });
});
