import type { CallOutput } from '../../../shared/api/index';

export type Blast = CallOutput<'cmdb.blastRadius'>;

/** Impacted CIs grouped by how many hops away they are. */
export function groupByDepth(b: Blast): { depth: number; items: Blast['impacted'] }[] {
  const m = new Map<number, Blast['impacted']>();
  for (const x of b.impacted) {
    if (!m.has(x.depth)) m.set(x.depth, []);
    m.get(x.depth)!.push(x);
  }
  return [...m.entries()]
    .sort((a, c) => a[0] - c[0])
    .map(([depth, items]) => ({ depth, items: items.sort((a, c) => a.name.localeCompare(c.name)) }));
}
