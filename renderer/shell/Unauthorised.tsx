import { Center, Code, Paper, Stack, Text, Title } from '@mantine/core';

export function Unauthorised() {
  return (
    <Center h="100vh" p="md" data-testid="unauthorised">
      <Paper withBorder p="xl" maw={560} radius="md">
        <Stack gap="sm">
          <Title order={3}>Opsroom</Title>
          <Text>
            This page needs the link printed by <Code>opsroom serve</Code> (it carries a one-time token).
          </Text>
          <Text size="sm" c="dimmed">
            Run <Code>opsroom serve</Code> again and open the link it prints; each link works once.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
