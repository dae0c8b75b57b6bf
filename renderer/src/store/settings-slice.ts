import type { AppInfo } from '../../../shared/ipc/channels/app';
import type { CredentialStatus } from '../../../shared/ipc/channels/settings';
import type { Settings } from '../../../shared/domain/settings';
import { changeLanguage } from '../i18n';
import type { SliceCreator } from './store';

export interface SettingsSlice {
  appInfo: AppInfo | null;
  settings: Settings | null;
  credentialStatus: CredentialStatus | null;
  loadSettings: () => Promise<void>;
  receiveSettings: (settings: Settings) => void;
  receiveCredentialStatus: (status: CredentialStatus) => void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (api) => (set, get) => ({
  appInfo: null,
  settings: null,
  credentialStatus: null,
  loadSettings: async () => {
    const [info, settings, status] = await Promise.all([api.app.info(), api.settings.get(), api.credentials.status()]);
    // Start-up alarms are raised once, at the first load; later ones arrive as app:alarm events, so
    // reloading after a save never brings back an alarm the clerk has dismissed.
    const firstLoad = get().appInfo === null;
    if (info.ok) set({ appInfo: info.value });
    if (status.ok) set({ credentialStatus: status.value });
    if (settings.ok) get().receiveSettings(settings.value);
    if (info.ok && firstLoad) for (const alarm of info.value.alarms) get().raiseAlarm(alarm);
  },
  receiveSettings: (settings) => {
    set({ settings });
    get().setCurrency(settings.currency);
    void changeLanguage(settings.uiLanguage);
  },
  receiveCredentialStatus: (status) => set({ credentialStatus: status }),
});
