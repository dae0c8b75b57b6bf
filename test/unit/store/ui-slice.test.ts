// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PosApi } from '../../../shared/ipc/contract';
import { createPosStore } from '../../../renderer/src/store/store';

describe('alarms', () => {
  it('add up, each once, apart from the passing notices, and stay until dismissed', () => {
    const store = createPosStore({} as PosApi);
    const journal = { message: 'Sales journal line 12 is damaged.', key: 'journalDamagedLine' as const, params: { line: 12 } };
    const catalog = { message: 'The product catalog could not be read.' };
    store.getState().raiseAlarm(journal);
    store.getState().raiseAlarm(catalog);
    store.getState().raiseAlarm({ ...catalog }); // the same alarm again
    store.getState().notify('error', 'Not a valid barcode.'); // a scan error does not hide them
    store.getState().showScreen('history');
    expect(store.getState().alarms).toEqual([journal, catalog]);
    expect(store.getState().notice).toBeNull(); // an ordinary message belongs to the screen it was said on
    store.getState().dismissAlarms();
    expect(store.getState().alarms).toEqual([]);
  });
});

describe('alarms main takes down', () => {
  it('go when their condition is over, the others stay, and a brief notice says so', () => {
    const store = createPosStore({} as PosApi);
    const journal = { message: 'Sales journal line 12 is damaged.', key: 'journalDamagedLine' as const, params: { line: 12 } };
    const waiting = (number: number) => ({
      message: `The control unit cannot be reached: receipt ${number} waits.`,
      key: 'controlUnitUnreachable' as const,
      params: { number },
      topic: 'control-unit-waiting',
    });
    store.getState().raiseAlarm(journal);
    store.getState().raiseAlarm(waiting(1));
    store.getState().raiseAlarm(waiting(2));
    store.getState().clearAlarms('control-unit-waiting', {
      message: 'The control unit answers again: every waiting receipt is signed.',
      key: 'controlUnitBack',
    });
    expect(store.getState().alarms).toEqual([journal]);
    expect(store.getState().notice).toMatchObject({
      tone: 'success',
      message: 'The control unit answers again: every waiting receipt is signed.',
    });
    // The unit fails again: its alarm comes back.
    store.getState().raiseAlarm(waiting(3));
    expect(store.getState().alarms).toEqual([journal, waiting(3)]);
  });
});

describe('start-up alarms', () => {
  it('are raised at the first load only, so a reload after a save does not bring back a dismissed one', async () => {
    const alarm = {
      message: 'The product catalog could not be read.',
      key: 'catalogFileUnreadable' as const,
      params: { file: 'catalog.json.corrupt-1' },
    };
    const api = {
      app: {
        info: () =>
          Promise.resolve({
            ok: true,
            value: {
              version: 't',
              host: 'web',
              demo: true,
              provider: 'ecster',
              capabilities: { canUpdate: true, canSendLink: true, reportsOpened: false, searchFilters: true },
              shopName: '',
              alarms: [alarm],
            },
          }),
      },
      settings: { get: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'not in this test' } }) },
      credentials: { status: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'not in this test' } }) },
    } as unknown as PosApi;
    const store = createPosStore(api);
    await store.getState().loadSettings();
    expect(store.getState().alarms).toEqual([alarm]);
    store.getState().dismissAlarms();
    await store.getState().loadSettings(); // as after Save in Settings
    expect(store.getState().alarms).toEqual([]);
  });
});
