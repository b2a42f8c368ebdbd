import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import type { CiRef } from '../../../shared/api/cmdb-model';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import { CiSearchSelect } from './CiSearchSelect';
import { SecretSelect } from './SecretSelect';

export interface ConnectionDraft {
  address: string;
  port: number | null;
  user: string;
  credentialId: string | null;
  jumpHost: CiRef | null;
}

export const emptyConnection: ConnectionDraft = {
  address: '',
  port: null,
  user: '',
  credentialId: null,
  jumpHost: null,
};

/** What the contract takes as `connection`: blanks become nulls. */
export function connectionInput(d: ConnectionDraft) {
  return {
    address: d.address.trim() || null,
    port: d.port,
    user: d.user.trim() || null,
    credentialId: d.credentialId,
    jumpHostId: d.jumpHost?.id ?? null,
  };
}

interface Props {
  value: ConnectionDraft;
  onChange: (d: ConnectionDraft) => void;
  /** the CI being edited, never offered as its own jump host */
  selfId?: string;
}

export function ConnectionFields({ value, onChange, selfId }: Props) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <TextInput
        label="Address"
        placeholder="10.0.0.12 or host.example"
        data-testid="ci-address"
        value={value.address}
        onChange={(e) => onChange({ ...value, address: e.currentTarget.value })}
      />
      <NumberInput
        label="Port"
        placeholder="22"
        min={1}
        max={65535}
        allowDecimal={false}
        data-testid="ci-port"
        value={value.port ?? ''}
        onChange={(v) => onChange({ ...value, port: typeof v === 'number' ? v : null })}
      />
      <TextInput
        label="User"
        data-testid="ci-user"
        value={value.user}
        onChange={(e) => onChange({ ...value, user: e.currentTarget.value })}
      />
      <CiSearchSelect
        label="Jump host"
        placeholder="none"
        testId="ci-jumphost"
        types={connectableTypes}
        exclude={selfId ? [selfId] : []}
        value={value.jumpHost}
        onChange={(jumpHost) => onChange({ ...value, jumpHost })}
      />
      <SecretSelect value={value.credentialId} onChange={(credentialId) => onChange({ ...value, credentialId })} />
    </SimpleGrid>
  );
}
