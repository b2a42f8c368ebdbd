import { isOpsError } from '../../../shared/api/errors';

export interface ConfirmRequest {
  message: string;
  /** production hosts the server counted, when it said so */
  production: number | null;
  total: number | null;
}

function numberIn(details: unknown, key: string): number | null {
  if (!details || typeof details !== 'object') return null;
  const v = (details as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
}

/** What the server asked us to confirm, or null if `e` is not a confirm_required answer. */
export function confirmRequest(e: unknown): ConfirmRequest | null {
  if (!isOpsError(e) || e.code !== 'confirm_required') return null;
  return { message: e.message, production: numberIn(e.details, 'production'), total: numberIn(e.details, 'total') };
}

/**
 * Calls once unconfirmed; if the server answers confirm_required, asks the person
 * and, only on yes, calls again with confirmed: true. Null when the person said no.
 * Any other failure is thrown as is.
 */
export async function callWithConfirm<T>(
  call: (confirmed: boolean) => Promise<T>,
  ask: (req: ConfirmRequest) => Promise<boolean>,
): Promise<T | null> {
  try {
    return await call(false);
  } catch (e) {
    const req = confirmRequest(e);
    if (!req) throw e;
    if (!(await ask(req))) return null;
    return call(true);
  }
}
