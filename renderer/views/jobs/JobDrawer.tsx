import { Alert, Code, Drawer, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Job, JobLogLine } from '../../../shared/api/jobs';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { JobProgress } from './JobProgress';
import { JobStateBadge } from './JobStateBadge';

/** Log lines so far plus the live ones, de-duplicated by seq. */
function useJobLog(jobId: string | null) {
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setLines([]);
    setError(null);
    if (!jobId) return;
    const merge = (add: JobLogLine[]) =>
      setLines((prev) => {
        const seen = new Set(prev.map((l) => l.seq));
        return [...prev, ...add.filter((l) => !seen.has(l.seq))].sort((a, b) => a.seq - b.seq);
      });
    const off = client.on('jobs.log', (l) => l.jobId === jobId && merge([l]));
    client
      .call('jobs.logs', { id: jobId })
      .then((r) => merge(r.lines))
      .catch((e) => setError(errorMessage(e)));
    return off;
  }, [jobId]);
  return { lines, error };
}

export function JobDrawer({ job, onClose }: { job: Job | null; onClose: () => void }) {
  const { lines, error } = useJobLog(job?.id ?? null);
  return (
    <Drawer opened={job !== null} onClose={onClose} position="right" size="xl" title={job?.title}>
      {job && (
        <Stack gap="sm" data-testid="job-drawer">
          <JobStateBadge state={job.state} />
          <JobProgress job={job} />
          <Text size="sm">{job.progress.message}</Text>
          {job.error && <Alert color="red">{job.error.message}</Alert>}
          {error && <Alert color="red">{error}</Alert>}
          <Text fw={600}>Log</Text>
          <ScrollArea h={300} type="auto">
            <Code block data-testid="job-log">
              {lines
                .map((l) => `${new Date(l.time).toLocaleTimeString()} ${l.level.padEnd(5)} ${l.message}`)
                .join('\n') || (error ? '' : 'No log lines.')}
            </Code>
          </ScrollArea>
          {job.result !== undefined && (
            <>
              <Text fw={600}>Result</Text>
              <Code block data-testid="job-result">
                {JSON.stringify(job.result, null, 2)}
              </Code>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
