/** `{{name}}` placeholders a person fills in; `{{ci.…}}` come from each host's CI and are not asked for. */
export function templateParams(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g)) {
    const name = m[1]!;
    if (name.startsWith('ci.') || name.includes('.')) continue;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Values for every parameter: what was typed, else the snippet's default. */
export function paramValues(
  params: readonly { name: string; default: string }[],
  typed: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) out[p.name] = typed[p.name] ?? p.default;
  return out;
}
