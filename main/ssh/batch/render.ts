import type { Ci } from '../../../shared/api/cmdb-model';
import { isOpsError, OpsError } from '../../../shared/api/errors';
import { renderCommand } from '../quote';

/**
 * The values a template may use about its host, as plain data: renderCommand
 * shell-quotes every one, so a CI name such as `$(touch /tmp/x)` is echoed,
 * never run.
 */
export function ciParams(ci: Ci): Record<string, string> {
  const out: Record<string, string> = {
    'ci.id': ci.id,
    'ci.name': ci.name,
    'ci.type': ci.type,
    'ci.address': ci.connection?.address ?? '',
    'ci.environment': ci.environment ?? '',
  };
  for (const [k, v] of Object.entries(ci.fields)) out[`ci.fields.${k}`] = v === null ? '' : String(v);
  return out;
}

/** The command for one host: person-given params plus the CI's own values (which win on a clash). */
export function renderFor(template: string, params: Record<string, string>, ci: Ci): string {
  return renderCommand(template, { ...params, ...ciParams(ci) });
}

/**
 * Renders for every host up front. A placeholder that is not about the CI
 * (a missing parameter, a typo) is wrong for every host, so the whole run is
 * refused; a CI lacking a field fails only that host.
 */
export function renderAll(
  template: string,
  params: Record<string, string>,
  cis: readonly Ci[],
): { commands: (string | null)[]; errors: (string | null)[] } {
  const commands: (string | null)[] = [];
  const errors: (string | null)[] = [];
  for (const ci of cis) {
    try {
      commands.push(renderFor(template, params, ci));
      errors.push(null);
    } catch (e) {
      const placeholder = isOpsError(e) ? (e.details as { placeholder?: string } | undefined)?.placeholder : undefined;
      if (!isOpsError(e) || !placeholder?.startsWith('ci.')) throw e;
      commands.push(null);
      errors.push(`${ci.name} has no value for {{${placeholder}}}, so the command was not run there.`);
    }
  }
  return { commands, errors };
}

/** Snippet parameters: defaults filled in, unknown names refused. */
export function snippetParams(
  declared: readonly { name: string; default: string }[],
  given: Record<string, string>,
): Record<string, string> {
  const known = new Set(declared.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new OpsError('bad_input', `The snippet has no parameter ${unknown.map((u) => `"${u}"`).join(', ')}.`, {
      unknown,
      known: [...known],
    });
  }
  return Object.fromEntries(declared.map((p) => [p.name, given[p.name] ?? p.default]));
}
