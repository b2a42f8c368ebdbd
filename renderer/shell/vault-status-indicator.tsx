import { Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconLock, IconLockOff, IconLockOpen } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { client } from '../api/client';
import { useConnection } from '../api/connection-store';
import { notifyError } from './notify';
import { useRoute } from './route-store';
import { autoLockText, startVaultFeed, useVault, vaultState } from './vault-store';
import { VaultUnlockDialog } from './vault-unlock-dialog';

const label = { unknown: 'vault…', none: 'no vault', locked: 'locked', unlocked: 'unlocked' } as const;
const color = { unknown: 'dimmed', none: 'dimmed', locked: 'orange', unlocked: 'green' } as const;

/** Lock state in the status bar, live from 'vault.status'; also mounts the unlock dialog. */
export function VaultStatusIndicator() {
  const connection = useConnection((s) => s.state);
  const status = useVault((s) => s.status);
  const askUnlock = useVault((s) => s.askUnlock);
  const setStatus = useVault((s) => s.setStatus);
  const navigate = useRoute((s) => s.navigate);
  const [now, setNow] = useState(() => Date.now());
  const state = vaultState(status);

  useEffect(() => (connection === 'open' ? startVaultFeed(client) : undefined), [connection]);
  // The countdown ticks only while there is one to show.
  useEffect(() => {
    if (state !== 'unlocked' || !status?.autoLockAt) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const t = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [state, status?.autoLockAt]);

  const onClick = async () => {
    if (state === 'none') return navigate('vault');
    if (state === 'locked') return void askUnlock();
    if (state === 'unlocked') {
      try {
        setStatus(await client.call('vault.lock'));
      } catch (e) {
        notifyError(e, 'Could not lock the vault');
      }
    }
  };
  const Icon = state === 'unlocked' ? IconLockOpen : state === 'locked' ? IconLock : IconLockOff;

  return (
    <>
      <Tooltip label={autoLockText(status, now)}>
        <UnstyledButton data-testid="vault-status" data-state={state} onClick={() => void onClick()}>
          <Group gap={4} wrap="nowrap">
            <Icon
              size={14}
              color={`var(--mantine-color-${color[state] === 'dimmed' ? 'dimmed' : `${color[state]}-6`})`}
            />
            <Text size="xs">{label[state]}</Text>
          </Group>
        </UnstyledButton>
      </Tooltip>
      <VaultUnlockDialog />
    </>
  );
}
