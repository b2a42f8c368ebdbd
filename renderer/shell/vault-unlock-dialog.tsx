import { Anchor, Modal, Stack, Text } from '@mantine/core';
import { VaultUnlockForm } from './vault-unlock-form';
import { useRoute } from './route-store';
import { useVault, vaultState } from './vault-store';

/** Opened by requireUnlocked() or the status bar; settles every waiting action when it closes. */
export function VaultUnlockDialog() {
  const dialog = useVault((s) => s.dialog);
  const status = useVault((s) => s.status);
  const settle = useVault((s) => s.settle);
  const setStatus = useVault((s) => s.setStatus);
  const navigate = useRoute((s) => s.navigate);
  const state = vaultState(status);
  return (
    // Above any modal whose action asked for the unlock (Mantine modals sit at 200).
    <Modal opened={dialog.open} onClose={() => settle(false)} title="Unlock the vault" zIndex={400}>
      <Stack gap="sm" data-testid="unlock-dialog">
        {dialog.reason && (
          <Text size="sm" c="dimmed">
            {dialog.reason}
          </Text>
        )}
        {status && state !== 'none' ? (
          <VaultUnlockForm
            status={status}
            onCancel={() => settle(false)}
            onUnlocked={(s) => {
              setStatus(s);
              settle(s.unlocked);
            }}
          />
        ) : (
          <Text size="sm">
            There is no vault in this workspace yet.{' '}
            <Anchor
              onClick={() => {
                settle(false);
                navigate('vault');
              }}
            >
              Create one in the Vault view
            </Anchor>
            .
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
