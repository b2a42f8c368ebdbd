import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorised';

interface ConnectionStore {
  state: ConnectionState;
  setState(state: ConnectionState): void;
}

/** The transport's state, for the status bar and the unauthorised page. */
export const useConnection = create<ConnectionStore>((set) => ({
  state: 'connecting',
  setState: (state) => set({ state }),
}));
