import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { PosApi } from '../../../shared/ipc/contract';
import { createCartSlice, type CartSlice } from './cart-slice';
import { betweenSales, createCatalogSlice, type CatalogSlice } from './catalog-slice';
import { createSaleSlice, type SaleSlice } from './sale-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createCartMemorySlice, type CartMemorySlice } from './cart-memory-slice';
import { createStaffSlice, type StaffSlice } from './staff-slice';
import { createPriceCheckSlice, type PriceCheckSlice } from './price-check-slice';

export type PosState = CartSlice & CatalogSlice & SaleSlice & UiSlice & SettingsSlice & CartMemorySlice & StaffSlice & PriceCheckSlice;

/** Every slice's creator receives the injected API; no slice reaches for a global. */
export type SliceCreator<T> = (api: PosApi) => StateCreator<PosState, [], [], T>;

export type PosStore = StoreApi<PosState>;

export function createPosStore(api: PosApi): PosStore {
  const store = createStore<PosState>()((...a) => ({
    ...createCartSlice(api)(...a),
    ...createCatalogSlice(api)(...a),
    ...createSaleSlice(api)(...a),
    ...createUiSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createCartMemorySlice(api)(...a),
    ...createStaffSlice(api)(...a),
    ...createPriceCheckSlice(api)(...a),
  }));
  // A shop catalog waiting for the sale to end is loaded the moment the till is between sales.
  store.subscribe((state) => {
    if (state.catalogWaiting && betweenSales(state)) void state.applyWaitingCatalog();
  });
  return store;
}
