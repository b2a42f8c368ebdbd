import { useSyncExternalStore } from 'react';
import { client } from '../../api/client';
import { type LiveRun, LiveRuns } from './live-runs';

/** One per window: runs keep streaming while the person looks at another view. */
export const liveRuns = new LiveRuns();
let started = false;

export function startBatchFeed(): void {
  if (started) return;
  started = true;
  client.on('ssh.batch.host', (p) => liveRuns.setHost(p.runId, p.host));
  client.on('ssh.batch.output', (p) => liveRuns.output(p.runId, p.ciId, p.stream, p.chunk));
  client.on('ssh.batch.updated', (run) => liveRuns.setRun(run));
}

/** Re-renders (at most once a frame) whenever any watched run changes. */
export function useLiveRun(runId: string | null): { live: LiveRun | undefined; version: number } {
  const version = useSyncExternalStore(
    (fn) => liveRuns.subscribe(fn),
    () => liveRuns.version,
  );
  return { live: runId ? liveRuns.get(runId) : undefined, version };
}
