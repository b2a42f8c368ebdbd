import { isOpsError, type RpcError } from '../../shared/api/errors';

export const interruptedError: RpcError = {
  code: 'cancelled',
  message: 'Opsroom stopped while this job was running; start it again.',
};

/** An OpsError keeps its code; anything else is 'internal' with the first line of its message. */
export function toJobError(err: unknown): RpcError {
  if (isOpsError(err)) return err.toJSON();
  const raw = err instanceof Error ? err.message : String(err);
  const first = raw.split('\n', 1)[0]!.trim();
  return { code: 'internal', message: first || 'The job failed without saying why.' };
}
