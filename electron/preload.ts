/**
 * The only bridge between the sandboxed renderer and main. It exposes one function per contract
 * channel on `window.pos` and nothing else: never ipcRenderer, never a function that takes a
 * channel name. It imports only types from shared/ so the bundle is tiny and runs in the sandbox,
 * where `require` knows nothing but electron's renderer modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelName, EventName, PosApi } from '../shared/ipc/contract';

// Not exported and not exposed: the only place a channel name is turned into a call.
function invoke(channel: ChannelName, input?: unknown) {
  return ipcRenderer.invoke(channel, input);
}

function subscribe(name: EventName) {
  return (listener: (payload: never) => void) => {
    if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
    // The IpcRendererEvent carries `sender` (the ipcRenderer itself); the page must never see it.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(name, forward);
    return () => {
      ipcRenderer.removeListener(name, forward);
    };
  };
}

const api = {
  app: {
    info: () => invoke('app:info'),
  },
  settings: {
    get: () => invoke('settings:get'),
    save: (input) => invoke('settings:save', input),
  },
  credentials: {
    set: (input) => invoke('credentials:set', input),
    status: () => invoke('credentials:status'),
    clear: () => invoke('credentials:clear'),
    test: () => invoke('credentials:test'),
  },
  catalog: {
    importPreview: (input) => invoke('catalog:importPreview', input),
    importCommit: (input) => invoke('catalog:importCommit', input),
    snapshot: () => invoke('catalog:snapshot'),
    setQuickKeys: (input) => invoke('catalog:setQuickKeys', input),
    quickKeys: () => invoke('catalog:quickKeys'),
  },
  sale: {
    charge: (input) => invoke('sale:charge', input),
    current: () => invoke('sale:current'),
    get: (input) => invoke('sale:get', input),
    checkNow: (input) => invoke('sale:checkNow', input),
    cancel: (input) => invoke('sale:cancel', input),
    updateCart: (input) => invoke('sale:updateCart', input),
    sendLink: (input) => invoke('sale:sendLink', input),
    confirmRecreate: (input) => invoke('sale:confirmRecreate', input),
    payOtherwise: (input) => invoke('sale:payOtherwise', input),
    resolve: (input) => invoke('sale:resolve', input),
    refund: (input) => invoke('sale:refund', input),
    markRefund: (input) => invoke('sale:markRefund', input),
    demoCustomer: (input) => invoke('sale:demoCustomer', input),
    list: (input) => invoke('sale:list', input),
  },
  receipt: {
    get: (input) => invoke('receipt:get', input),
  },
  printout: {
    print: (input) => invoke('printout:print', input),
    pdf: (input) => invoke('printout:pdf', input),
  },
  report: {
    x: (input) => invoke('report:x', input),
    z: (input) => invoke('report:z', input),
    get: (input) => invoke('report:get', input),
    list: () => invoke('report:list'),
  },
  journal: {
    export: (input) => invoke('journal:export', input),
    exportMemory: (input) => invoke('journal:exportMemory', input),
  },
  history: {
    searchProvider: (input) => invoke('history:searchProvider', input),
  },
  display: {
    showCart: (input) => invoke('display:showCart', input),
    current: () => invoke('display:current'),
  },
  shop: {
    databaseStatus: () => invoke('shop:databaseStatus'),
    setDatabase: (input) => invoke('shop:setDatabase', input),
    testDatabase: () => invoke('shop:testDatabase'),
    tills: () => invoke('shop:tills'),
    sales: (input) => invoke('shop:sales', input),
    xReport: () => invoke('shop:xReport'),
  },
  printer: {
    status: () => invoke('printer:status'),
    testPage: (input) => invoke('printer:testPage', input),
    setLogo: (input) => invoke('printer:setLogo', input),
    osPrinters: () => invoke('printer:osPrinters'),
    paperRoll: () => invoke('printer:paperRoll'),
  },
  drawer: {
    open: () => invoke('drawer:open'),
  },
  mail: {
    status: () => invoke('mail:status'),
    setPassword: (input) => invoke('mail:setPassword', input),
    sendReceipt: (input) => invoke('mail:sendReceipt', input),
  },
  cart: {
    record: (input) => invoke('cart:record', input),
    restore: () => invoke('cart:restore'),
  },
  staff: {
    status: () => invoke('staff:status'),
    signIn: (input) => invoke('staff:signIn', input),
    signOut: (input) => invoke('staff:signOut', input),
    approve: (input) => invoke('staff:approve', input),
    add: (input) => invoke('staff:add', input),
    remove: (input) => invoke('staff:remove', input),
    setPin: (input) => invoke('staff:setPin', input),
    setOptions: (input) => invoke('staff:setOptions', input),
  },
  events: {
    onAppAlarm: subscribe('app:alarm'),
    onAppAlarmCleared: subscribe('app:alarmCleared'),
    onCatalogProgress: subscribe('catalog:progress'),
    onCatalogChanged: subscribe('catalog:changed'),
    onSaleChanged: subscribe('sale:changed'),
    onDisplayCart: subscribe('display:cart'),
    onShopSyncChanged: subscribe('shop:syncChanged'),
    onPrinterChanged: subscribe('printer:changed'),
  },
} satisfies PosApi;

contextBridge.exposeInMainWorld('pos', api);
