import { OpsError } from '../../../shared/api/errors';
import type { Labels, Matcher } from '../../../shared/api/monitoring-model';

/**
 * Alertmanager's label matchers: `=`, `!=`, `=~`, `!~`. Regexes are fully
 * anchored (`=~"web.*"` must match the whole value, as Alertmanager wraps
 * them in ^(?:…)$), and a label the alert lacks is the empty string — so
 * `team=""` matches alerts without a team.
 */

export type MatchFn = (labels: Labels) => boolean;

const labelNameRe = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** RE2 (Go) has no lookaround or backreferences; JavaScript would accept them and mean something else. */
const unsupportedRe = /\(\?<?[=!]|\\[1-9]|\\k</;

/** Go's regexp.QuoteMeta: a regex that matches exactly `s`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function compileRegex(value: string, where: string): RegExp {
  if (unsupportedRe.test(value)) {
    throw new OpsError(
      'bad_input',
      `${where}: the regex "${value}" uses a lookaround or a backreference, which Alertmanager's regex syntax (RE2) does not have.`,
      { value },
    );
  }
  // Go's (?i) prefix is common in silences; JavaScript spells it as a flag.
  const ci = value.startsWith('(?i)');
  try {
    // No 'u' flag: like RE2, any punctuation may be escaped ("web\-01").
    return new RegExp(`^(?:${ci ? value.slice(4) : value})$`, ci ? 'i' : '');
  } catch (e) {
    throw new OpsError(
      'bad_input',
      `${where}: "${value}" is not a valid regex (${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}).`,
      { value },
    );
  }
}

/** Compiles one matcher; throws OpsError('bad_input') naming it when its name or regex is wrong. */
export function compileMatcher(m: Matcher): MatchFn {
  const where = `The matcher ${m.name}${m.op}"${m.value}"`;
  if (!labelNameRe.test(m.name)) {
    throw new OpsError(
      'bad_input',
      `${where} names "${m.name}", which is not a label name (letters, digits and _, not starting with a digit).`,
      { name: m.name },
    );
  }
  switch (m.op) {
    case '=':
      return (l) => (l[m.name] ?? '') === m.value;
    case '!=':
      return (l) => (l[m.name] ?? '') !== m.value;
    case '=~': {
      const re = compileRegex(m.value, where);
      return (l) => re.test(l[m.name] ?? '');
    }
    case '!~': {
      const re = compileRegex(m.value, where);
      return (l) => !re.test(l[m.name] ?? '');
    }
  }
}

/** All matchers must match (AND), as in Alertmanager. */
export function compileMatchers(ms: readonly Matcher[]): MatchFn {
  const fns = ms.map(compileMatcher);
  return (l) => fns.every((f) => f(l));
}

/**
 * Alertmanager refuses a silence whose every matcher matches the empty
 * string: it would silence every alert, including ones that do not exist yet.
 */
export function matchesEverything(ms: readonly Matcher[]): boolean {
  return ms.every((m) => compileMatcher(m)({}));
}
