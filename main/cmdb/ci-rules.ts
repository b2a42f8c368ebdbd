import type { z } from 'zod';
import { connectableTypes, type Ci, type ciInput, type FieldDef } from '../../shared/api/cmdb-model';
import { OpsError } from '../../shared/api/errors';
import type { CiStore } from './store/ci-store';
import type { FieldDefs } from './store/fields';

export type ParsedCiInput = z.output<typeof ciInput>;

export interface RuleDeps {
  cis: CiStore;
  fields: FieldDefs;
  /** when present, a credential id must name an existing secret */
  describeSecret?: (id: string) => unknown;
}

export const typeLabel = (type: string): string => type.replace(/-/g, ' ');

export function duplicateError(type: string, name: string): OpsError {
  return new OpsError(
    'conflict',
    `A ${typeLabel(type)} named ${name} already exists; choose another name or edit that one.`,
    {
      type,
      name,
    },
  );
}

/**
 * Builds the stored CI from parsed input and checks everything that needs the
 * inventory: connection only on connectable types, the credential and jump
 * host exist, custom fields match their definitions. Auto-created field
 * definitions are collected in `pending` for the caller's transaction.
 */
export function materialize(
  input: ParsedCiInput,
  base: { id: string; createdAt: number; version: number },
  now: number,
  deps: RuleDeps,
  pending: Map<string, FieldDef>,
): Ci {
  const conn = input.connection;
  const hasConn = conn !== null && Object.values(conn).some((v) => v !== null && v !== undefined);
  if (hasConn && !connectableTypes.includes(input.type)) {
    throw new OpsError(
      'bad_input',
      `A ${typeLabel(input.type)} cannot carry connection attributes; only ${connectableTypes.join(', ')} can.`,
      { type: input.type },
    );
  }
  const connection = hasConn
    ? {
        address: conn?.address ?? null,
        port: conn?.port ?? null,
        user: conn?.user ?? null,
        credentialId: conn?.credentialId ?? null,
        jumpHostId: conn?.jumpHostId ?? null,
      }
    : null;
  if (connection?.credentialId && deps.describeSecret && !deps.describeSecret(connection.credentialId)) {
    throw new OpsError(
      'bad_input',
      `There is no secret "${connection.credentialId}" in the vault; pick an existing credential.`,
      {
        credentialId: connection.credentialId,
      },
    );
  }
  if (connection?.jumpHostId) checkJumpHost(deps.cis, base.id, connection.jumpHostId);
  return buildCi(input, base, now, deps.fields.check(input.type, input.fields, pending), connection);
}

/** The stored CI from parsed input whose fields and connection the caller has already checked. */
export function buildCi(
  input: ParsedCiInput,
  base: { id: string; createdAt: number; version: number },
  now: number,
  fields: Ci['fields'],
  connection: Ci['connection'],
): Ci {
  return {
    id: base.id,
    type: input.type,
    name: input.name,
    description: input.description,
    ownerTeam: input.ownerTeam || null,
    ownerPerson: input.ownerPerson || null,
    environment: input.environment || null,
    status: input.status,
    criticality: input.criticality,
    tags: [...new Set(input.tags)],
    fields,
    connection,
    createdAt: base.createdAt,
    updatedAt: now,
    version: base.version,
  };
}

/** The jump host must be a connectable CI other than this one, and following the chain must never come back here. */
export function checkJumpHost(cis: CiStore, selfId: string, jumpHostId: string): void {
  if (jumpHostId === selfId) throw new OpsError('bad_input', 'A host cannot be its own jump host.', { jumpHostId });
  const jump = cis.get(jumpHostId);
  if (!jump) throw new OpsError('bad_input', `The jump host "${jumpHostId}" does not exist.`, { jumpHostId });
  if (!connectableTypes.includes(jump.type)) {
    throw new OpsError(
      'bad_input',
      `${jump.name} is a ${typeLabel(jump.type)} and cannot be a jump host; pick a host, vm or network device.`,
      {
        jumpHostId,
      },
    );
  }
  const seen = new Set<string>([jumpHostId]);
  let next = cis.jumpHostOf(jumpHostId);
  while (next) {
    if (next === selfId) {
      throw new OpsError(
        'bad_input',
        `Jumping through ${jump.name} would loop back to this host; jump host chains cannot form a cycle.`,
        {
          jumpHostId,
        },
      );
    }
    if (seen.has(next)) break;
    seen.add(next);
    next = cis.jumpHostOf(next);
  }
}

/** ciInput of an existing CI, so a patch can be laid over it. */
export function inputOf(c: Ci): ParsedCiInput {
  return {
    type: c.type,
    name: c.name,
    description: c.description,
    ownerTeam: c.ownerTeam,
    ownerPerson: c.ownerPerson,
    environment: c.environment,
    status: c.status,
    criticality: c.criticality,
    tags: c.tags,
    fields: c.fields,
    connection: c.connection,
  };
}

/** Equal in everything a person can change (ids, times and version aside). */
export function sameContent(a: Ci, b: Ci): boolean {
  return JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));
}
