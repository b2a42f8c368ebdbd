import type { Ci, CiInput, FieldDef, FieldValue } from '../../../shared/api/cmdb-model';

/** What the edit form holds: text inputs as strings, so blanks are easy to tell from values. */
export interface CiDraft {
  name: string;
  type: string;
  description: string;
  environment: string;
  status: Ci['status'];
  criticality: Ci['criticality'];
  ownerTeam: string;
  ownerPerson: string;
  tags: string[];
  fields: Record<string, FieldValue>;
}

export function draftFromCi(ci: Ci): CiDraft {
  return {
    name: ci.name,
    type: ci.type,
    description: ci.description,
    environment: ci.environment ?? '',
    status: ci.status,
    criticality: ci.criticality,
    ownerTeam: ci.ownerTeam ?? '',
    ownerPerson: ci.ownerPerson ?? '',
    tags: [...ci.tags],
    fields: { ...ci.fields },
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so a concurrent edit of another attribute is not overwritten. */
export function patchFromDraft(ci: Ci, d: CiDraft): Partial<CiInput> {
  const p: Partial<CiInput> = {};
  if (d.name.trim() !== ci.name) p.name = d.name.trim();
  if (d.type.trim() !== ci.type) p.type = d.type.trim();
  if (d.description !== ci.description) p.description = d.description;
  if (blankToNull(d.environment) !== ci.environment) p.environment = blankToNull(d.environment);
  if (d.status !== ci.status) p.status = d.status;
  if (d.criticality !== ci.criticality) p.criticality = d.criticality;
  if (blankToNull(d.ownerTeam) !== ci.ownerTeam) p.ownerTeam = blankToNull(d.ownerTeam);
  if (blankToNull(d.ownerPerson) !== ci.ownerPerson) p.ownerPerson = blankToNull(d.ownerPerson);
  if (!eq(d.tags, ci.tags)) p.tags = d.tags;
  const fields = Object.fromEntries(Object.entries(d.fields).filter(([, v]) => v !== '' && v !== undefined));
  if (!eq(fields, ci.fields)) p.fields = fields;
  return p;
}

/** The custom fields to show for a CI: those defined for its type, then any other it carries. */
export function fieldsFor(ci: Ci, defs: readonly FieldDef[]): { key: string; def: FieldDef | null }[] {
  const applicable = defs.filter((d) => d.appliesTo.length === 0 || d.appliesTo.includes(ci.type));
  const keys = new Set(applicable.map((d) => d.key));
  return [
    ...applicable.map((d) => ({ key: d.key, def: d })),
    ...Object.keys(ci.fields)
      .filter((k) => !keys.has(k))
      .sort()
      .map((k) => ({ key: k, def: defs.find((d) => d.key === k) ?? null })),
  ];
}
