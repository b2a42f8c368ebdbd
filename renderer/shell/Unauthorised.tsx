import { Center, Code, Paper, Stack, Text, Title } from '@mantine/core';

export function Unauthorised() {
  return (
    <Center h="100vh" p="md" data-testid="unauthorised">
      <Paper withBorder p="xl" maw={560} radius="md">
        <Stack gap="sm">
          <Title order={3}>Opsroom</Title>
          <Text>
            This page needs the link printed by <Code>opsroom serve</Code> (it carries a token made for this launch).
          </Text>
          <Text size="sm" c="dimmed">
            Run <Code>opsroom serve</Code> again and open the link it prints; a link stops working when that server
            stops.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
