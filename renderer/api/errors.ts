import { isOpsError } from '../../shared/api/errors';

/** A sentence for the person: the OpsError's message, never a stack. */
export function errorMessage(e: unknown): string {
  if (isOpsError(e)) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return typeof e === 'string' ? e : 'Something went wrong.';
}
