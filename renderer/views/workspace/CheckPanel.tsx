import { Alert, Button, Group, List, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { checkResult } from '../../../shared/api/workspace';
import { client } from '../../api/client';
import { useJobs } from '../../shell/jobs-store';
import { notifyError } from '../../shell/notify';
import { JobProgress } from '../jobs/JobProgress';

/** Starts workspace.check and follows its job through the live jobs store. */
export function CheckPanel() {
  const [mode, setMode] = useState<'quick' | 'full'>('quick');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJobs((s) => (jobId ? s.byId[jobId] : undefined));

  const start = async () => {
    try {
      const j = await client.call('workspace.check', { full: mode === 'full' });
      useJobs.getState().upsert(j);
      setJobId(j.id);
      // The job may have finished before the first event reached us.
      void client
        .call('jobs.get', { id: j.id })
        .then((g) => useJobs.getState().upsert(g))
        .catch(() => {});
    } catch (e) {
      notifyError(e, 'Could not start the check');
    }
  };

  const running = job && (job.state === 'running' || job.state === 'queued');
  const parsed = job?.state === 'succeeded' ? checkResult.safeParse(job.result) : null;

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group>
          <SegmentedControl
            size="xs"
            data-testid="workspace-check-mode"
            value={mode}
            onChange={(v) => setMode(v as 'quick' | 'full')}
            data={[
              { label: 'Quick', value: 'quick' },
              { label: 'Full', value: 'full' },
            ]}
          />
          <Button data-testid="workspace-check" onClick={start} loading={!!running}>
            Check workspace
          </Button>
        </Group>
        {job && (
          <>
            <JobProgress job={job} />
            <Text size="xs" c="dimmed">
              {job.progress.message || job.state}
            </Text>
          </>
        )}
        {job?.state === 'failed' || job?.state === 'cancelled' || job?.state === 'interrupted' ? (
          <Alert color="red" data-testid="check-result" data-ok="false">
            The check did not finish ({job.state}){job.error ? `: ${job.error.message}` : '.'}
          </Alert>
        ) : null}
        {parsed?.success && (
          <Alert color={parsed.data.ok ? 'green' : 'red'} data-testid="check-result" data-ok={String(parsed.data.ok)}>
            <Text fw={600} mb={4}>
              {parsed.data.ok ? 'Workspace is healthy' : 'Workspace has problems'} ({Math.round(parsed.data.durationMs)}{' '}
              ms)
            </Text>
            <List spacing={2} size="sm">
              {parsed.data.steps.map((s) => (
                <List.Item
                  key={s.name}
                  icon={s.ok ? <IconCheck size={14} color="green" /> : <IconX size={14} color="red" />}
                  data-testid="check-step"
                  data-ok={String(s.ok)}
                >
                  {s.name}: {s.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
