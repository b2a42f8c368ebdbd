import { create } from 'zustand';
import type { SystemInfo } from '../../shared/api/system';
import type { OpsClient } from '../../shared/api/client';

interface SystemStore {
  info: SystemInfo | null;
  load(client: OpsClient): Promise<void>;
}

/** What this Opsroom is serving (workspace path, read-only, demo), for the status bar. */
export const useSystem = create<SystemStore>((set) => ({
  info: null,
  load: async (client) => set({ info: await client.call('system.info') }),
}));
