import { Badge } from '@mantine/core';
import type { AuditOutcome } from './filter';

const colors: Record<AuditOutcome, string> = {
  started: 'blue',
  ok: 'green',
  error: 'red',
  cancelled: 'gray',
  denied: 'orange',
  info: 'cyan',
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return (
    <Badge size="sm" variant="light" color={colors[outcome]}>
      {outcome}
    </Badge>
  );
}
