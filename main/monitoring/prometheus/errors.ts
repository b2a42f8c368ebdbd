import { isOpsError, OpsError, type ErrorCode } from '../../../shared/api/errors';

/** How a datasource is named in every sentence: its saved name and URL, or the URL alone (ad hoc). */
export function who(t: { name: string; url: string }): string {
  return t.name === t.url ? `Prometheus at ${t.url}` : `Prometheus "${t.name}" (${t.url})`;
}

/** An error of a call to a datasource: `retryable` says whether backoff and one quick retry apply. */
export function promFailure(
  code: ErrorCode,
  message: string,
  retryable: boolean,
  extra: Record<string, unknown> = {},
): OpsError {
  return new OpsError(code, message, { ...extra, retryable });
}

export function isRetryable(e: unknown): boolean {
  if (!isOpsError(e)) return false;
  const d = e.details as { retryable?: unknown; prometheus?: { retryable?: unknown } } | undefined;
  return d?.retryable === true || d?.prometheus?.retryable === true;
}

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * A socket, TLS or timeout error as a sentence naming the datasource.
 * Refused, reset and timed-out connections are retryable; a certificate that
 * is not trusted is not (it fails the same way until someone changes it).
 */
export function networkError(t: { name: string; url: string }, err: unknown, timeoutMs: number): OpsError {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = err instanceof Error ? err.message : String(err);
  const name = who(t);
  const facts = { datasource: t.name, cause: code || text };
  if (code === 'ECONNREFUSED') {
    return promFailure('unavailable', `${name} refused the connection: is Prometheus running there?`, true, facts);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return promFailure('unavailable', `${name}: the host name cannot be resolved; check the URL.`, true, facts);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return promFailure('unavailable', `${name}: no route to the host (host or network unreachable).`, true, facts);
  }
  if (code === 'ETIMEDOUT' || code === 'OPSROOM_TIMEOUT') {
    const s = Math.round(timeoutMs / 100) / 10;
    return promFailure(
      'timeout',
      `${name} did not answer within ${s} s; try a shorter range, or raise the datasource's timeout.`,
      true,
      facts,
    );
  }
  if (tlsCodes.has(code)) {
    const fix =
      code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? 'use the host name the certificate was issued for'
        : 'add the CA that signed the server certificate to the datasource';
    return promFailure(
      'unavailable',
      `${name}: the server's certificate is not trusted (${text}); ${fix}.`,
      false,
      facts,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(text)) {
    return promFailure('unavailable', `${name} closed the connection before answering.`, true, facts);
  }
  return promFailure('unavailable', `${name} cannot be reached: ${text}.`, true, facts);
}
