import { isOpsError, OpsError } from '../../../shared/api/errors';
import type { DatasourceAuth } from '../../../shared/api/monitoring-query';

/** What the header needs from the vault: the secret's value, read at request time. */
export type RevealSecret = (secretId: string) => { value: string };

/**
 * The Authorization header for a datasource, built from the vault on every
 * request so a token replaced in the vault is used at once and nothing is
 * cached outside it. A locked vault becomes an error saying what to do.
 */
export function authorizationHeader(
  auth: DatasourceAuth,
  reveal: RevealSecret | null,
  datasourceName: string,
): string | undefined {
  if (auth.kind === 'none') return undefined;
  const what = auth.kind === 'bearer' ? 'bearer token' : 'basic-auth password';
  let value: string;
  try {
    if (!reveal) throw new OpsError('locked', 'no vault');
    value = reveal(auth.secretId).value;
  } catch (e) {
    if (isOpsError(e) && e.code === 'locked') {
      throw new OpsError(
        'locked',
        `The vault is locked: unlock it to query the datasource "${datasourceName}", which reads its ${what} from the vault.`,
        { datasource: datasourceName },
      );
    }
    if (isOpsError(e) && e.code === 'not_found') {
      throw new OpsError(
        'not_found',
        `The ${what} of the datasource "${datasourceName}" is no longer in the vault; choose another in its settings.`,
        { datasource: datasourceName },
      );
    }
    throw e;
  }
  // A secret read from a file usually ends with a newline that is not part of it.
  const secret = value.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(secret) || secret.includes('\0')) {
    throw new OpsError(
      'bad_input',
      `The ${what} of the datasource "${datasourceName}" contains a line break, which an HTTP header cannot carry; replace it in the vault.`,
      { datasource: datasourceName },
    );
  }
  if (auth.kind === 'bearer') return `Bearer ${secret.trim()}`;
  return `Basic ${Buffer.from(`${auth.username}:${secret}`, 'utf8').toString('base64')}`;
}
