/**
 * Dashboard variables in a query or legend, as Grafana spells them: `$host`
 * and `${host}`. The braces are there for a name followed by letters
 * (`${host}_total`); `$host_total` names a variable called host_total.
 *
 * A name that is not a variable is left exactly as written, so PromQL's own
 * dollars (`=~"^web$"`) and a variable nobody set pass through untouched.
 *
 * Values are inserted as they are, with no escaping. That is deliberate: a
 * CI name is what `instance="$host"` must match, and escaping regex
 * metacharacters would change it. Inside `=~"…"` the value is a regular
 * expression; a dashboard author who puts a variable there writes the regex.
 * (Grafana escapes only for its multi-value variables, which Opsroom does not
 * have.) The result is the person's own query, run with their own datasource
 * credentials, so a value that changes the query grants nothing new.
 */

const re = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function interpolate(expr: string, vars: Readonly<Record<string, string>>): string {
  return expr.replace(re, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : whole;
  });
}

/** The variable names an expression uses (for the panel editor and for "which panels need $host"). */
export function variablesIn(expr: string): string[] {
  const out = new Set<string>();
  for (const m of expr.matchAll(re)) out.add(m[1] ?? m[2]);
  return [...out];
}
