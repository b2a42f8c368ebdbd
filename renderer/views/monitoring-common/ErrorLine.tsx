import { Text, Tooltip } from '@mantine/core';

/** A row's last error, clamped in the table, whole in its tooltip. */
export function ErrorLine({ error, lines, testId }: { error: string | null; lines: number; testId?: string }) {
  if (!error) return null;
  return (
    <Tooltip label={error} multiline w={360}>
      <Text size="xs" c="red" lineClamp={lines} data-testid={testId}>
        {error}
      </Text>
    </Tooltip>
  );
}
