import type { CiRef } from '../../../shared/api/cmdb-model';
import type { HostResult, HostState } from '../../../shared/api/ssh';

export interface OutputGroup {
  hosts: CiRef[];
  state: HostState;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Hosts whose state, exit code, stdout and stderr are all identical, largest
 * group first (ties: the group whose first host sorts first), so "48 hosts
 * said the same, 2 did not" is the first thing a person sees.
 */
export function groupOutputs(hosts: readonly HostResult[]): OutputGroup[] {
  const groups = new Map<string, OutputGroup>();
  for (const h of hosts) {
    const key = JSON.stringify([h.state, h.exitCode, h.stdout, h.stderr]);
    const g = groups.get(key);
    if (g) g.hosts.push(h.ci);
    else groups.set(key, { hosts: [h.ci], state: h.state, exitCode: h.exitCode, stdout: h.stdout, stderr: h.stderr });
  }
  return [...groups.values()].sort(
    (a, b) => b.hosts.length - a.hosts.length || (a.hosts[0]!.name < b.hosts[0]!.name ? -1 : 1),
  );
}
