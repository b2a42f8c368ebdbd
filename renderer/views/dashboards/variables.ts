import type { Dashboard } from '../../../shared/api/monitoring-dashboards';

/**
 * Dashboard variables to the values queries are filled with. A 'ci'
 * variable's value is the CI's name; the CI behind it also gives
 *   $<name>_id          its id (the SSH collector's `ci` label)
 *   $<name>_address     its address
 *   $<name>_address_re  the address as a regex inside a PromQL string
 *                       (`instance=~"$host_address_re(:[0-9]+)?"`)
 */

export interface CiInfo {
  id: string;
  name: string;
  type: string;
  address: string | null;
}

/** RE2 metacharacters escaped, then escaped again for a double-quoted PromQL string. */
export function promRegexLiteral(s: string): string {
  const re = s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
  return re.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

export function ciValues(name: string, ci: CiInfo | null, fallback = ''): Record<string, string> {
  // With no address, the name is what a Prometheus target is usually called.
  const address = ci?.address || ci?.name || fallback;
  return {
    [name]: ci?.name ?? fallback,
    [`${name}_id`]: ci?.id ?? '',
    [`${name}_address`]: address,
    [`${name}_address_re`]: promRegexLiteral(address),
  };
}

/**
 * Every variable's values: custom variables by their current option, CI
 * variables from the CI resolved for them (by name) when there is one.
 */
export function variableValues(
  variables: Dashboard['variables'],
  cis: Readonly<Record<string, CiInfo | null | undefined>>,
): Record<string, string> {
  let out: Record<string, string> = {};
  for (const v of variables) {
    if (v.kind === 'ci') out = { ...out, ...ciValues(v.name, cis[v.name] ?? null, v.current) };
    else out[v.name] = v.current || v.options[0] || '';
  }
  return out;
}

/** The id of the first CI variable's CI, for annotations of that host. */
export function firstCiId(
  variables: Dashboard['variables'],
  cis: Readonly<Record<string, CiInfo | null | undefined>>,
): string | undefined {
  for (const v of variables) if (v.kind === 'ci' && cis[v.name]) return cis[v.name]!.id;
  return undefined;
}
