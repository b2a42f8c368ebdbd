import type { Handlers } from '../rpc/router';
import type { AuditLog } from './audit-log';

export function auditHandlers(audit: AuditLog): Pick<Handlers, 'audit.list' | 'audit.verify'> {
  return {
    'audit.list': (input) => audit.list(input),
    // Synchronous on purpose: a verify is a consistent read of one moment of the chain.
    'audit.verify': () => audit.verify(),
  };
}
