import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Job } from '../../../shared/api/jobs';
import { client } from '../../api/client';
import { notifyError } from '../../shell/notify';
import { JobProgress } from '../jobs/JobProgress';
import { readImportResult } from './import-result';

export function RunStep({ job, onAgain }: { job: Job; onAgain: () => void }) {
  const active = job.state === 'running' || job.state === 'queued';
  const result = readImportResult(job);
  const cancel = async () => {
    try {
      await client.call('jobs.cancel', { id: job.id });
    } catch (e) {
      notifyError(e, 'Could not cancel');
    }
  };
  return (
    <Stack gap="md" maw={900} data-testid="import-job" data-state={job.state}>
      <Group justify="space-between">
        <Text size="sm">
          {job.title} — {job.state}
          {job.progress.message ? `: ${job.progress.message}` : ''}
        </Text>
        {active ? (
          <Button size="xs" color="red" variant="light" data-testid="import-cancel" onClick={() => void cancel()}>
            Cancel
          </Button>
        ) : (
          <Button size="xs" variant="light" data-testid="import-again" onClick={onAgain}>
            Import another file
          </Button>
        )}
      </Group>
      <JobProgress job={job} />
      {job.error && <Alert color="red">{job.error.message}</Alert>}
      {result && (
        <Stack
          gap="sm"
          data-testid="import-result"
          data-created={result.created}
          data-updated={result.updated}
          data-errors={result.errors.length}
        >
          <SimpleGrid cols={{ base: 3, sm: 7 }}>
            {(
              [
                ['created', result.created],
                ['updated', result.updated],
                ['unchanged', result.unchanged],
                ['skipped', result.skipped],
                ['relations', result.relations],
                ['keys', result.keysImported],
                ['errors', result.errors.length],
              ] as const
            ).map(([k, v]) => (
              <Paper key={k} withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {k}
                </Text>
                <Title order={3}>{v.toLocaleString('en-US')}</Title>
              </Paper>
            ))}
          </SimpleGrid>
          {result.errors.length > 0 && (
            <Table withTableBorder fz="xs">
              <Table.Tbody>
                {result.errors.slice(0, 200).map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td w={80}>line {e.line}</Table.Td>
                    <Table.Td w={200}>{e.name ?? ''}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Button component="a" href="#/inventory" variant="light" w={220}>
            Open the inventory
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
