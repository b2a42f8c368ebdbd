import { X509Certificate } from 'node:crypto';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { DatasourceAuth } from '../../../shared/api/monitoring-query';

/**
 * Checks a datasource before it is stored, so a saved datasource can only
 * fail for reasons outside Opsroom (the server, the network, a locked vault).
 */

export interface ValidateDeps {
  describeSecret(id: string): { name: string; kind: string } | null;
  /** the CI (throws OpsError not_found for an unknown id) */
  ci(id: string): { id: string; name: string; type: string };
  now(): number;
}

/** Secret kinds that hold a token or a password; an SSH key or kubeconfig is a mistake here. */
export const datasourceSecretKinds = ['token', 'password'] as const;

/**
 * http(s)://host[:port][/prefix], without credentials, query or fragment;
 * the trailing slash is dropped so paths join cleanly.
 */
export function normalizeUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw new OpsError('bad_input', `"${text.slice(0, 200)}" is not a URL; write it like http://prometheus:9090.`, {
      field: 'url',
    });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new OpsError('bad_input', `A Prometheus URL starts with http:// or https://, not ${u.protocol}//.`, {
      field: 'url',
    });
  }
  if (u.username || u.password) {
    throw new OpsError(
      'bad_input',
      'Do not put a user or password in the URL: choose basic auth and keep the password in the vault.',
      { field: 'url' },
    );
  }
  if (u.search || u.hash) {
    throw new OpsError('bad_input', 'A Prometheus URL has no ?query or #fragment; give only the base address.', {
      field: 'url',
    });
  }
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

const pemBlockRe = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM bundle parses and is in date; returns the subjects for messages. */
export function checkCaPem(pem: string, nowMs: number): string[] {
  const blocks = pem.match(pemBlockRe) ?? [];
  if (!blocks.length) {
    throw new OpsError(
      'bad_input',
      'The CA certificate is not PEM: paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.',
      { field: 'caPem' },
    );
  }
  return blocks.map((block, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (e) {
      throw new OpsError(
        'bad_input',
        `Certificate ${i + 1} of the CA PEM cannot be read (${e instanceof Error ? e.message : String(e)}); paste the CA certificate again.`,
        { field: 'caPem', index: i },
      );
    }
    const until = Date.parse(cert.validTo);
    if (Number.isFinite(until) && until < nowMs) {
      throw new OpsError(
        'bad_input',
        `The CA certificate "${cert.subject.replace(/\n/g, ', ')}" expired on ${cert.validTo}; get the current one from the server's operators.`,
        { field: 'caPem', index: i },
      );
    }
    return cert.subject;
  });
}

function hasColonOrControl(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === ':' || c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function checkAuth(auth: DatasourceAuth, deps: ValidateDeps): void {
  if (auth.kind === 'none') return;
  if (auth.kind === 'basic' && hasColonOrControl(auth.username)) {
    throw new OpsError('bad_input', 'A basic-auth user name cannot contain ":" or control characters.', {
      field: 'auth.username',
    });
  }
  const meta = deps.describeSecret(auth.secretId);
  if (!meta) {
    throw new OpsError('not_found', 'The chosen credential is not in the vault; pick a token or password from it.', {
      field: 'auth.secretId',
    });
  }
  if (!(datasourceSecretKinds as readonly string[]).includes(meta.kind)) {
    throw new OpsError(
      'bad_input',
      `The secret "${meta.name}" is a ${meta.kind}; Prometheus auth needs a token or a password from the vault.`,
      { field: 'auth.secretId', kind: meta.kind },
    );
  }
}

function checkTunnel(ciId: string, deps: ValidateDeps): void {
  const ci = deps.ci(ciId);
  if (!connectableTypes.includes(ci.type)) {
    throw new OpsError(
      'bad_input',
      `${ci.name} is a ${ci.type}; an SSH tunnel goes through a host (host, vm or network-device CI).`,
      { field: 'tunnelVia' },
    );
  }
}

export interface CheckedFields {
  url: string;
  caPem: string | null;
}

/** The fields that need the world checked; returns the normalised URL and CA. */
export function validateDatasource(
  input: { url: string; auth: DatasourceAuth; caPem: string | null; tunnelVia: string | null },
  deps: ValidateDeps,
): CheckedFields {
  const url = normalizeUrl(input.url);
  const caPem = input.caPem?.trim() ? input.caPem.trim() + '\n' : null;
  if (caPem) {
    if (!url.startsWith('https:')) {
      throw new OpsError('bad_input', 'A CA certificate only applies to an https:// URL; remove it or use https.', {
        field: 'caPem',
      });
    }
    checkCaPem(caPem, deps.now());
  }
  checkAuth(input.auth, deps);
  if (input.tunnelVia) checkTunnel(input.tunnelVia, deps);
  return { url, caPem };
}
