import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PosApi } from '../../../shared/ipc/contract';
import type { PosState, PosStore } from '../store/store';

export interface PosContextValue {
  api: PosApi;
  store: PosStore;
}

export const PosContext = createContext<PosContextValue | null>(null);

function usePosContext(): PosContextValue {
  const value = useContext(PosContext);
  if (!value) throw new Error('PosContext missing: render inside <PosProvider>');
  return value;
}

/** Selects from the injected store; components never import a global store. */
export function usePos<T>(selector: (state: PosState) => T): T {
  return useStore(usePosContext().store, selector);
}

export function usePosStore(): PosStore {
  return usePosContext().store;
}

export function usePosApi(): PosApi {
  return usePosContext().api;
}
