import { z } from 'zod';
import { OpsError, type RpcError } from '../../shared/api/errors';

/** Turns zod's issues into one sentence that names each bad field. */
export function describeZodError(method: string, err: z.ZodError): OpsError {
  const problems = err.issues.map((i) => {
    const where = i.path.length ? i.path.map(String).join('.') : 'input';
    return `${where}: ${i.message}`;
  });
  return new OpsError('bad_input', `The request for ${method} is not valid — ${problems.join('; ')}.`, {
    issues: err.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
  });
}

/**
 * Any failure becomes a typed error. Only OpsError messages are shown as
 * written; anything else is an internal error whose text is kept in the log,
 * never a stack trace on screen.
 */
export function toRpcError(method: string, err: unknown): RpcError {
  if (err instanceof OpsError) return err.toJSON();
  if (err instanceof z.ZodError) return describeZodError(method, err).toJSON();
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return {
      code: 'unavailable',
      message: `The workspace is busy (another Opsroom or tool holds a lock). Try ${method} again in a moment.`,
    };
  }
  if (code === 'SQLITE_READONLY') {
    return { code: 'forbidden', message: `This workspace is open read-only, so ${method} cannot change it.` };
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return {
      code: 'integrity',
      message:
        'The workspace file is damaged. Stop Opsroom and restore a snapshot with `opsroom workspace restore --workspace PATH`.',
    };
  }
  const text = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal',
    message: `${method} failed unexpectedly: ${text.split('\n')[0]}. The app log has the details.`,
  };
}
