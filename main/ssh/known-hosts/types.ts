/** One host pattern of a plain known_hosts line; `!pattern` is stored as negated. */
export interface HostPattern {
  pattern: string;
  negated: boolean;
}

/** A `|1|salt|hash` host field: HMAC-SHA1(key = salt, data = `host` or `[host]:port`). */
export interface HashedHost {
  salt: Buffer;
  hash: Buffer;
}

export type KnownHostsHosts = HostPattern[] | { hashed: HashedHost };

export interface KnownHostEntry {
  /** 1-based line number in the parsed text. */
  line: number;
  /** '@revoked' lines: the key must never be accepted for any host. */
  marker: null | 'revoked';
  hosts: KnownHostsHosts;
  keyType: string;
  keyBase64: string;
  /** 'SHA256:…' as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The rest of the line after the key, trimmed; '' when absent. */
  comment: string;
}

export interface KnownHostsLineProblem {
  line: number;
  message: string;
}

export interface KnownHostsParseResult {
  entries: KnownHostEntry[];
  /** Lines that are not valid known_hosts syntax. */
  errors: KnownHostsLineProblem[];
  /** Valid lines Opsroom does not act on (e.g. @cert-authority), so an import can say what it skipped. */
  unsupported: KnownHostsLineProblem[];
}

/** What the serializer needs: an entry without the parse-only facts. */
export interface KnownHostsLineInput {
  marker: null | 'revoked';
  hosts: KnownHostsHosts;
  keyType: string;
  keyBase64: string;
  comment?: string;
}

export function isHashed(hosts: KnownHostsHosts): hosts is { hashed: HashedHost } {
  return !Array.isArray(hosts);
}
