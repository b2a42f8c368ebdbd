import { Group, Select } from '@mantine/core';
import type { Dashboard } from '../../../shared/api/monitoring-dashboards';
import { client } from '../../api/client';
import { notifyError } from '../../shell/notify';
import { CiSearchSelect } from '../ci/CiSearchSelect';
import { ciInfo } from './use-ci-variables';
import type { CiInfo } from './variables';

interface Props {
  variables: Dashboard['variables'];
  cis: Readonly<Record<string, CiInfo | null>>;
  /** a CI picked for a 'ci' variable (with its address, for $<name>_address) */
  onCi(name: string, ci: CiInfo | null): void;
  onCustom(name: string, value: string): void;
}

/** One picker per dashboard variable: a CMDB search for 'ci' variables, the options for custom ones. */
export function VariablesBar({ variables, cis, onCi, onCustom }: Props) {
  if (!variables.length) return null;
  return (
    <Group gap="sm" data-testid="dashboard-variables">
      {variables.map((v) =>
        v.kind === 'ci' ? (
          <div key={v.name} style={{ width: 260 }}>
            <CiSearchSelect
              label={v.label || v.name}
              placeholder={v.current || `Pick a ${v.ciType}…`}
              types={v.ciType ? [v.ciType] : undefined}
              clearable={false}
              testId={`variable-${v.name}`}
              value={cis[v.name] ? { id: cis[v.name]!.id, name: cis[v.name]!.name, type: cis[v.name]!.type } : null}
              onChange={(ref) => {
                if (!ref) return onCi(v.name, null);
                client
                  .call('cmdb.ci.get', { id: ref.id })
                  .then((r) => onCi(v.name, ciInfo(r.ci)))
                  .catch((e) => notifyError(e, `Could not read ${ref.name}`));
              }}
            />
          </div>
        ) : (
          <Select
            key={v.name}
            w={200}
            label={v.label || v.name}
            data={v.options}
            value={v.current || v.options[0] || null}
            allowDeselect={false}
            data-testid={`variable-${v.name}`}
            onChange={(x) => x !== null && onCustom(v.name, x)}
          />
        ),
      )}
    </Group>
  );
}
