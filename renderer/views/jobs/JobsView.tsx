import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { client } from '../../api/client';
import { sortJobs, useJobs } from '../../shell/jobs-store';
import { notifyError } from '../../shell/notify';
import { formatTime } from '../format';
import { JobDrawer } from './JobDrawer';
import { JobProgress } from './JobProgress';
import { JobStateBadge } from './JobStateBadge';

async function cancel(id: string) {
  try {
    useJobs.getState().upsert(await client.call('jobs.cancel', { id }));
  } catch (e) {
    notifyError(e, 'Could not cancel the job');
  }
}

export function JobsView() {
  const byId = useJobs((s) => s.byId);
  const jobs = useMemo(() => sortJobs(byId), [byId]);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Stack data-testid="view-jobs">
      <Title order={3}>Jobs</Title>
      {jobs.length === 0 ? (
        <Text c="dimmed">No jobs yet.</Text>
      ) : (
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th w={200}>Progress</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Finished</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.map((j) => (
              <Table.Tr
                key={j.id}
                data-testid="jobs-row"
                data-id={j.id}
                data-state={j.state}
                style={{ cursor: 'pointer' }}
                onClick={() => setOpenId(j.id)}
              >
                <Table.Td>
                  <Text size="sm">{j.title}</Text>
                  <Text size="xs" c="dimmed">
                    {j.kind} · {j.actor}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <JobStateBadge state={j.state} />
                </Table.Td>
                <Table.Td>
                  <JobProgress job={j} />
                </Table.Td>
                <Table.Td>{formatTime(j.startedAt)}</Table.Td>
                <Table.Td>{formatTime(j.finishedAt)}</Table.Td>
                <Table.Td>
                  {(j.state === 'running' || j.state === 'queued') && (
                    <Button
                      size="compact-xs"
                      color="red"
                      variant="light"
                      data-testid="job-cancel"
                      onClick={(e) => {
                        e.stopPropagation();
                        void cancel(j.id);
                      }}
                    >
                      Cancel
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <JobDrawer job={openId ? (byId[openId] ?? null) : null} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
