import type { CallInput } from '../../../shared/api/index';
import type { Criticality, LifecycleStatus } from './query-chips';

export type BulkAction =
  | { kind: 'addTags'; tags: string[] }
  | { kind: 'removeTags'; tags: string[] }
  | { kind: 'setEnvironment'; value: string | null }
  | { kind: 'setStatus'; value: LifecycleStatus }
  | { kind: 'setCriticality'; value: Criticality | null }
  | { kind: 'setOwner'; team: string | null; person?: string | null }
  | { kind: 'delete' };

export type BulkCall =
  | { method: 'cmdb.ci.bulkUpdate'; input: CallInput<'cmdb.ci.bulkUpdate'> }
  | { method: 'cmdb.ci.delete'; input: CallInput<'cmdb.ci.delete'> };

export function bulkCall(action: BulkAction, ids: string[]): BulkCall {
  switch (action.kind) {
    case 'delete':
      return { method: 'cmdb.ci.delete', input: { ids } };
    case 'addTags':
      return { method: 'cmdb.ci.bulkUpdate', input: { ids, addTags: action.tags } };
    case 'removeTags':
      return { method: 'cmdb.ci.bulkUpdate', input: { ids, removeTags: action.tags } };
    case 'setEnvironment':
      return { method: 'cmdb.ci.bulkUpdate', input: { ids, set: { environment: action.value } } };
    case 'setStatus':
      return { method: 'cmdb.ci.bulkUpdate', input: { ids, set: { status: action.value } } };
    case 'setCriticality':
      return { method: 'cmdb.ci.bulkUpdate', input: { ids, set: { criticality: action.value } } };
    case 'setOwner': {
      const set: { ownerTeam: string | null; ownerPerson?: string | null } = { ownerTeam: action.team };
      if (action.person !== undefined) set.ownerPerson = action.person;
      return { method: 'cmdb.ci.bulkUpdate', input: { ids, set } };
    }
  }
}

function plural(n: number): string {
  return `${n.toLocaleString('en-US')} CI${n === 1 ? '' : 's'}`;
}

/** The sentence the confirmation states, with the count. */
export function describeBulk(action: BulkAction, count: number): string {
  const n = plural(count);
  switch (action.kind) {
    case 'delete':
      return `Delete ${n} and their relationships?`;
    case 'addTags':
      return `Add ${action.tags.join(', ') || '(no tags)'} to ${n}?`;
    case 'removeTags':
      return `Remove ${action.tags.join(', ') || '(no tags)'} from ${n}?`;
    case 'setEnvironment':
      return `Set the environment of ${n} to ${action.value ?? '(none)'}?`;
    case 'setStatus':
      return `Set the status of ${n} to ${action.value}?`;
    case 'setCriticality':
      return `Set the criticality of ${n} to ${action.value ?? '(none)'}?`;
    case 'setOwner':
      return `Set the owner of ${n} to ${action.team ?? '(none)'}?`;
  }
}

/** Whether the action is complete enough to send (a tag action needs a tag). */
export function bulkReady(action: BulkAction): boolean {
  if (action.kind === 'addTags' || action.kind === 'removeTags') return action.tags.length > 0;
  return true;
}

/** Large changes get a stronger warning; 'cmdb.confirmBulkOver' sets where "large" starts. */
export function isLargeBulk(count: number, confirmOver: number): boolean {
  return count > confirmOver;
}
