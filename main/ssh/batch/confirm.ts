import { OpsError } from '../../../shared/api/errors';

/**
 * A wide or production run needs the person's explicit yes. The refusal says
 * exactly what they are confirming, and its details let a client ask and send
 * the same call again with `confirmed: true`.
 */
export function requireConfirmation(
  t: { total: number; production: number },
  confirmOver: number,
  confirmed: boolean,
): void {
  if (confirmed) return;
  if (t.total <= confirmOver && t.production === 0) return;
  const hosts = `${t.total} host${t.total === 1 ? '' : 's'}`;
  const prod =
    t.production === 0
      ? ''
      : t.production === t.total
        ? t.total === 1
          ? ', a production one'
          : ', all of them production'
        : `, ${t.production} of them production`;
  throw new OpsError('confirm_required', `This runs on ${hosts}${prod}. Confirm to go ahead.`, {
    total: t.total,
    production: t.production,
  });
}
