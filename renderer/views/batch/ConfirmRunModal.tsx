import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import type { ConfirmRequest } from './confirm-flow';

/** A promise-returning ask() for callWithConfirm, and the modal that answers it. */
export function useConfirmRun(productionFallback: number) {
  const [req, setReq] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((yes: boolean) => void) | null>(null);
  const ask = useCallback(
    (r: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        resolver.current = resolve;
        setReq(r);
      }),
    [],
  );
  const answer = (yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = null;
    setReq(null);
  };
  const production = req?.production ?? productionFallback;
  const modal = (
    <Modal opened={req !== null} onClose={() => answer(false)} title="Confirm this run" zIndex={300}>
      <Stack gap="sm" data-testid="batch-confirm-modal">
        <Text size="sm">{req?.message}</Text>
        {req?.total != null && <Text size="sm">{req.total} hosts in total.</Text>}
        {production > 0 && (
          <Text size="sm" c="red" fw={700} data-testid="batch-confirm-production">
            {production} production host{production === 1 ? '' : 's'} will be touched.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(false)}>
            Cancel
          </Button>
          <Button color="red" data-testid="batch-confirm" onClick={() => answer(true)}>
            Run it
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { ask, modal };
}
