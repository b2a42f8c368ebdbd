import { Button, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useConnection } from '../api/connection-store';
import { PendingHostKeys } from './hostkey-review-list';
import { startHostKeyFeed, useHostKeyReview } from './hostkey-review-store';

/** Pops up whenever a connection waits for a host key decision; mounted once by the shell. */
export function HostKeyReviewDialog() {
  const connection = useConnection((s) => s.state);
  const open = useHostKeyReview((s) => s.open);
  const pending = useHostKeyReview((s) => s.pending);
  const setOpen = useHostKeyReview((s) => s.setOpen);

  useEffect(() => {
    if (connection !== 'open') return;
    return startHostKeyFeed();
  }, [connection]);

  return (
    <Modal
      opened={open && pending.length > 0}
      onClose={() => setOpen(false)}
      title="Host keys waiting for review"
      size="xl"
      zIndex={350}
    >
      <Stack gap="sm" data-testid="hostkey-review">
        <Text size="sm" c="dimmed">
          Nothing connects to these hosts until you decide. Compare each fingerprint with one you got another way (the
          console, your provisioning logs).
        </Text>
        <ScrollArea.Autosize mah="60vh">
          <PendingHostKeys pending={pending} />
        </ScrollArea.Autosize>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            Decide later
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
