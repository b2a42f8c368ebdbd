import type { Relation, RelationType } from '../../../shared/api/cmdb-model';

/** depends_on → "depends on" */
export function relationLabel(type: string): string {
  return type.replace(/_/g, ' ');
}

/** How an incoming relation reads from this end: depends_on → "required by". */
export function inverseLabel(type: string, types: readonly RelationType[]): string {
  const t = types.find((x) => x.name === type);
  return t?.inverseLabel || `${relationLabel(type)} (from)`;
}

export interface RelationLine {
  id: string;
  direction: 'out' | 'in';
  label: string;
  other: { id: string; name: string; type: string };
}

/** Both ends as sentences about this CI: "depends on db-1", "required by web-2". */
export function relationLines(
  outgoing: Relation[],
  incoming: Relation[],
  types: readonly RelationType[],
): RelationLine[] {
  const byLabel = (a: RelationLine, b: RelationLine) =>
    a.label.localeCompare(b.label) || a.other.name.localeCompare(b.other.name);
  return [
    ...outgoing
      .map((r) => ({ id: r.id, direction: 'out' as const, label: relationLabel(r.type), other: r.to }))
      .sort(byLabel),
    ...incoming
      .map((r) => ({ id: r.id, direction: 'in' as const, label: inverseLabel(r.type, types), other: r.from }))
      .sort(byLabel),
  ];
}
