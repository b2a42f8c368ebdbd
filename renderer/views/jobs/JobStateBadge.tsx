import { Badge } from '@mantine/core';
import type { JobState } from '../../../shared/api/jobs';

const colors: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'yellow',
  interrupted: 'orange',
};

export function JobStateBadge({ state }: { state: JobState }) {
  return (
    <Badge size="sm" variant="light" color={colors[state]} data-testid="job-state">
      {state}
    </Badge>
  );
}
