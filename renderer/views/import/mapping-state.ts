/** CSV column → target ('name', 'type', 'tags', 'fields.rack', … or 'ignore'). */
export type Mapping = Record<string, string>;

export const ignore = 'ignore';

/**
 * Points `column` at `target`. Another column that fed the same target falls
 * back to 'ignore': the importer refuses two columns feeding one attribute.
 */
export function setColumnTarget(m: Mapping, column: string, target: string): Mapping {
  const next: Mapping = { ...m, [column]: target };
  if (target !== ignore) {
    for (const [c, t] of Object.entries(next)) if (c !== column && t === target) next[c] = ignore;
  }
  return next;
}

/** Every column gets a target: the suggestion when there is one, else 'ignore'. */
export function initialMapping(columns: readonly string[], suggested: Mapping, targets: readonly string[]): Mapping {
  let m: Mapping = Object.fromEntries(columns.map((c) => [c, ignore]));
  for (const c of columns) {
    const t = suggested[c];
    if (t && (targets.includes(t) || t.startsWith('fields.'))) m = setColumnTarget(m, c, t);
  }
  return m;
}

/** What stops the preview: a CSV import needs to know which column holds the name. */
export function mappingProblems(m: Mapping): string[] {
  const targets = Object.values(m);
  const problems: string[] = [];
  if (!targets.includes('name')) problems.push('Map one column to "name": every CI needs one.');
  return problems;
}

/** A new custom field target typed by the person: `rack` → `fields.rack`. */
export function customFieldTarget(key: string): string | null {
  const k = key.trim().replace(/^fields\./, '');
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(k) ? `fields.${k}` : null;
}

/** The select's options for one column: the contract's targets, plus custom fields already in use. */
export function targetOptions(targets: readonly string[], m: Mapping): string[] {
  const extra = Object.values(m).filter((t) => t.startsWith('fields.') && !targets.includes(t));
  return [...new Set([ignore, ...targets, ...extra])];
}
