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

/** Secrets shorter than this are not scrubbed: replacing every "a" would garble the message more than it hides. */
const minScrubLength = 4;

/**
 * A function that replaces the credential of an Authorization header (the
 * header value, the token, the base64 pair and the password alone) with
 * [redacted] in text a server sent back.
 */
export function scrubber(authz: string | undefined): (text: string) => string {
  if (!authz) return (text) => text;
  const secrets = new Set<string>([authz]);
  const [scheme, cred = ''] = authz.split(' ', 2) as [string, string?];
  secrets.add(cred);
  if (scheme === 'Basic') {
    const pair = Buffer.from(cred, 'base64').toString('utf8');
    secrets.add(pair);
    secrets.add(pair.slice(pair.indexOf(':') + 1));
  }
  // Longest first, so the whole header goes before the token inside it.
  const list = [...secrets].filter((x) => x.length >= minScrubLength).sort((a, b) => b.length - a.length);
  return (text) => list.reduce((t, x) => t.replaceAll(x, '[redacted]'), text);
}
