import { create } from 'zustand';
import type { OpsClient } from '../../shared/api/client';
import type { Job } from '../../shared/api/jobs';

interface JobsStore {
  byId: Record<string, Job>;
  loaded: boolean;
  upsert(job: Job): void;
  replaceAll(jobs: Job[]): void;
}

export const useJobs = create<JobsStore>((set) => ({
  byId: {},
  loaded: false,
  upsert: (job) =>
    set((s) => {
      const prev = s.byId[job.id];
      // Events can arrive out of order with a list reply; never go back to an older picture of a finished job.
      if (prev && prev.finishedAt !== null && job.finishedAt === null) return s;
      return { byId: { ...s.byId, [job.id]: job } };
    }),
  replaceAll: (jobs) => set({ byId: Object.fromEntries(jobs.map((j) => [j.id, j])), loaded: true }),
}));

/** Newest first. */
export function sortJobs(byId: Record<string, Job>): Job[] {
  return Object.values(byId).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

/**
 * Replaces the store with the server's list, keeping only jobs still running
 * here: after a workspace restore, jobs the restored file does not know are gone.
 */
export async function reloadJobs(client: OpsClient): Promise<void> {
  const r = await client.call('jobs.list', { limit: 200 });
  const running = Object.values(useJobs.getState().byId).filter((j) => j.finishedAt === null);
  useJobs.getState().replaceAll(r.jobs);
  for (const j of running) if (!r.jobs.some((x) => x.id === j.id)) useJobs.getState().upsert(j);
}

/** Keeps the jobs store live: one list call, then every 'jobs.updated', and the list again after a restore. Returns the stop function. */
export function startJobsFeed(client: OpsClient): () => void {
  const off = client.on('jobs.updated', (job) => useJobs.getState().upsert(job));
  const offRestored = client.on('workspace.restored', () => void reloadJobs(client).catch(() => {}));
  void client
    .call('jobs.list', { limit: 200 })
    .then((r) => {
      const live = useJobs.getState().byId;
      useJobs.getState().replaceAll(r.jobs);
      for (const j of Object.values(live)) if (!r.jobs.some((x) => x.id === j.id)) useJobs.getState().upsert(j);
    })
    .catch(() => {});
  return () => {
    off();
    offRestored();
  };
}
