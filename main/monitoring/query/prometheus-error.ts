import { OpsError, type ErrorCode } from '../../../shared/api/errors';

/**
 * A Prometheus failure as panels, alerts and the CLI need it: what kind, the
 * server's own words, and whether trying again can help. The kinds are
 * Prometheus's `errorType` values (web/api/v1/api.go), plus three we derive:
 * - `too_many_samples`: Prometheus reports it as `execution` with "too many
 *   samples" in the text; it gets its own kind because the fix (a shorter
 *   range or larger step) differs from a broken query.
 * - `bad_response`: the body was not a Prometheus envelope at all (a proxy's
 *   HTML page, a truncated body, something else listening on the port).
 * - `unknown`: an `errorType` newer than this list.
 */
export const promErrorTypes = [
  'bad_data',
  'timeout',
  'canceled',
  'execution',
  'internal',
  'unavailable',
  'not_found',
  'not_acceptable',
  'too_many_samples',
  'bad_response',
  'unknown',
] as const;

export type PromErrorType = (typeof promErrorTypes)[number];

export interface PromError {
  readonly errorType: PromErrorType;
  /** Prometheus's text verbatim (e.g. `invalid parameter "query": 1:11: parse error: …`). */
  readonly message: string;
  /**
   * Only transient failures: `timeout` and `unavailable`, and a bad response
   * carried on 502/503/504 (a proxy in front of a restarting Prometheus).
   * `bad_data` never — the same query fails the same way.
   */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  /** The errorType string as sent, when it is not one we know. */
  readonly rawErrorType?: string;
}

const known = new Set<string>(promErrorTypes);

/** Classifies an error envelope's `errorType` and `error`. */
export function classifyPromError(rawType: string, message: string, httpStatus?: number): PromError {
  let errorType: PromErrorType = known.has(rawType) ? (rawType as PromErrorType) : 'unknown';
  if (errorType === 'execution' && /too many samples/i.test(message)) errorType = 'too_many_samples';
  const retryable =
    errorType === 'timeout' || errorType === 'unavailable' || (errorType === 'unknown' && isGatewayStatus(httpStatus));
  return {
    errorType,
    message,
    retryable,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(errorType === 'unknown' ? { rawErrorType: rawType.slice(0, 64) } : {}),
  };
}

export function isGatewayStatus(status: number | undefined): boolean {
  return status === 502 || status === 503 || status === 504;
}

const opsCode: Readonly<Record<PromErrorType, ErrorCode>> = {
  bad_data: 'bad_input',
  timeout: 'timeout',
  canceled: 'cancelled',
  execution: 'bad_input',
  too_many_samples: 'bad_input',
  internal: 'internal',
  unavailable: 'unavailable',
  not_found: 'not_found',
  not_acceptable: 'bad_input',
  bad_response: 'bad_input', // 'unavailable' when retryable, below
  unknown: 'internal',
};

/** The OpsError that crosses to the renderer; details keep the Prometheus facts. */
export function promErrorToOpsError(e: PromError): OpsError {
  const code = e.errorType === 'bad_response' && e.retryable ? 'unavailable' : opsCode[e.errorType];
  return new OpsError(code, `Prometheus: ${e.message}`, {
    prometheus: { errorType: e.errorType, retryable: e.retryable, httpStatus: e.httpStatus },
  });
}
