import { OpsError } from '../../../shared/api/errors';
import { formatHashed, hashHost, newSalt } from './hashed';
import { blobKeyType, decodeKeyBase64 } from './key-blob';
import { patternProblem } from './parser';
import { isHashed, type HostPattern, type KnownHostsLineInput } from './types';

export interface SerializeOptions {
  /** Write `|1|salt|hash` host fields like `ssh-keygen -H`. */
  hash?: boolean;
  /** Salt source for hashed lines; tests pass a fixed one. */
  salt?: () => Buffer;
}

/**
 * Writes known_hosts text OpenSSH reads. With `hash`, each plain host gets its
 * own hashed line (a hash covers one name). Lines with wildcards or negations
 * stay plain, as `ssh-keygen -H` leaves them: a pattern cannot be hashed.
 */
export function serializeKnownHosts(entries: KnownHostsLineInput[], opts: SerializeOptions = {}): string {
  return entries
    .flatMap((e) => serializeEntry(e, opts))
    .map((l) => l + '\n')
    .join('');
}

export function serializeEntry(e: KnownHostsLineInput, opts: SerializeOptions = {}): string[] {
  validate(e);
  const tail = `${e.keyType} ${e.keyBase64}${e.comment ? ' ' + e.comment : ''}`;
  const lead = e.marker === 'revoked' ? '@revoked ' : '';
  if (isHashed(e.hosts)) return [`${lead}${formatHashed(e.hosts.hashed)} ${tail}`];
  const patterns = e.hosts;
  if (opts.hash && patterns.every(isPlainName)) {
    const salt = opts.salt ?? newSalt;
    return patterns.map((p) => {
      const s = salt();
      return `${lead}${formatHashed({ salt: s, hash: hashHost(p.pattern.toLowerCase(), s) })} ${tail}`;
    });
  }
  return [`${lead}${patterns.map((p) => (p.negated ? '!' : '') + p.pattern).join(',')} ${tail}`];
}

function isPlainName(p: HostPattern): boolean {
  return !p.negated && !/[*?]/.test(p.pattern);
}

function validate(e: KnownHostsLineInput): void {
  const bad = (msg: string): never => {
    throw new OpsError('bad_input', `Cannot write this known_hosts entry: ${msg}.`);
  };
  if (isHashed(e.hosts)) {
    if (e.hosts.hashed.salt.length !== 20 || e.hosts.hashed.hash.length !== 20) {
      bad('a hashed host needs a 20-byte salt and hash');
    }
  } else {
    if (e.hosts.length === 0) bad('it has no host patterns');
    for (const p of e.hosts) {
      const problem = patternProblem(p.pattern);
      if (problem) bad(problem);
    }
  }
  const blob = decodeKeyBase64(e.keyBase64);
  if (!blob) bad('the key is not valid base64');
  if (blobKeyType(blob!) !== e.keyType) bad(`the key is not of type ${e.keyType}`);
  if (e.comment && (/[\r\n]/.test(e.comment) || e.comment !== e.comment.replace(/^[ \t]+|[ \t]+$/g, ''))) {
    bad('the comment has a line break or surrounding spaces');
  }
}
