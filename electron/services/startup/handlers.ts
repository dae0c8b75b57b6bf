import type { Settings } from '../../../shared/domain/settings';
import type { ActiveProvider } from '../active-provider';
import type { Handlers } from '../ipc/dispatch';
import type { Alarms } from './alarms';

export type AppChannel = 'app:info';

export interface AppHandlerDeps {
  version: string;
  host: 'desktop' | 'web';
  activeProvider: () => Pick<ActiveProvider, 'demo' | 'providerId' | 'provider'>;
  settings: () => Pick<Settings, 'shop'>;
  alarms: Pick<Alarms, 'list'>;
}

/** What the app is and what the clerk must hear of (every alarm since start). */
export function createAppHandlers(deps: AppHandlerDeps): Pick<Handlers, AppChannel> {
  return {
    'app:info': () => {
      const active = deps.activeProvider();
      return Promise.resolve({
        version: deps.version,
        host: deps.host,
        demo: active.demo,
        provider: active.providerId,
        capabilities: { ...active.provider.capabilities },
        shopName: deps.settings().shop.name,
        alarms: deps.alarms.list(),
      });
    },
  };
}
