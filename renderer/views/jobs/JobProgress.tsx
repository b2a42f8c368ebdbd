import { Progress } from '@mantine/core';
import type { Job } from '../../../shared/api/jobs';

export function jobPercent(job: Job): number {
  if (job.state === 'succeeded') return 100;
  const { done, total } = job.progress;
  return total ? Math.max(0, Math.min(100, (100 * done) / total)) : 0;
}

export function JobProgress({ job }: { job: Job }) {
  const active = job.state === 'running' || job.state === 'queued';
  const unknown = active && job.progress.total === null;
  return (
    <Progress
      data-testid="job-progress"
      value={unknown ? 100 : jobPercent(job)}
      striped={active}
      animated={unknown}
      color={job.state === 'failed' ? 'red' : job.state === 'succeeded' ? 'green' : undefined}
    />
  );
}
