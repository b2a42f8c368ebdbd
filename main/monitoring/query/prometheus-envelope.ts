import type { z } from 'zod';
import {
  errorEnvelopeSchema,
  queryDataSchema,
  stringListSchema,
  successEnvelopeSchema,
  type QueryData,
} from './prometheus-schemas';
import { classifyPromError, isGatewayStatus, promErrorToOpsError, type PromError } from './prometheus-error';

/**
 * Parses what a Prometheus HTTP API endpoint answered. The parse functions
 * never throw: every body — valid, an error envelope, a proxy's HTML page,
 * truncated JSON, arbitrary JSON — becomes an outcome. `unwrap` turns a
 * failed outcome into an OpsError for callers that prefer throwing.
 *
 * Warnings (and Prometheus 3's `infos`) are kept on both outcomes: a query can
 * succeed with "partial data" warnings the panel must show.
 */

export type PromOutcome<T> =
  | { readonly ok: true; readonly data: T; readonly warnings: string[]; readonly infos: string[] }
  | { readonly ok: false; readonly error: PromError; readonly warnings: string[] };

/** The raw HTTP answer: body text (or already-parsed JSON) and the status if known. */
export interface PromHttpAnswer {
  readonly body: string | unknown;
  readonly httpStatus?: number;
}

const querySchema = successEnvelopeSchema(queryDataSchema);
const listSchema = successEnvelopeSchema(stringListSchema);

/** /api/v1/query and /api/v1/query_range. */
export function parseQueryResponse(answer: PromHttpAnswer): PromOutcome<QueryData> {
  return parseEnvelope(answer, querySchema);
}

/** /api/v1/labels and /api/v1/label/<name>/values. */
export function parseStringListResponse(answer: PromHttpAnswer): PromOutcome<string[]> {
  return parseEnvelope(answer, listSchema);
}

/** The data of a successful outcome, or the failure as an OpsError. */
export function unwrap<T>(outcome: PromOutcome<T>): T {
  if (outcome.ok) return outcome.data;
  throw promErrorToOpsError(outcome.error);
}

const snippetMax = 200;

function badResponse(why: string, body: unknown, httpStatus?: number): PromOutcome<never> {
  const text = typeof body === 'string' ? body : safeStringify(body);
  const snippet = text.length > snippetMax ? `${text.slice(0, snippetMax)}…` : text;
  const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
  return {
    ok: false,
    warnings: [],
    error: {
      errorType: 'bad_response',
      message: `The server did not answer like Prometheus${status}: ${why}. It began: ${snippet}`,
      // A proxy's 502/503/504 page means Prometheus is restarting or gone: back off and retry.
      retryable: isGatewayStatus(httpStatus),
      ...(httpStatus === undefined ? {} : { httpStatus }),
    },
  };
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function parseEnvelope<S extends z.ZodType<{ data: unknown; warnings?: string[]; infos?: string[] }>>(
  answer: PromHttpAnswer,
  success: S,
): PromOutcome<z.infer<S>['data']> {
  const { httpStatus } = answer;
  let json: unknown = answer.body;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      return badResponse('the body is not JSON (cut off, or an HTML page)', answer.body, httpStatus);
    }
  }
  const status = (json as { status?: unknown } | null)?.status;
  if (status === 'error') {
    const err = errorEnvelopeSchema.safeParse(json);
    if (!err.success) return badResponse('an error envelope without errorType and error', json, httpStatus);
    return {
      ok: false,
      warnings: err.data.warnings ?? [],
      error: classifyPromError(err.data.errorType, err.data.error, httpStatus),
    };
  }
  if (status !== 'success') return badResponse('no "status" of success or error', json, httpStatus);
  const ok = success.safeParse(json);
  if (!ok.success) {
    const first = ok.error.issues[0];
    const where = first ? first.path.map(String).join('.') || 'body' : 'body';
    return badResponse(`${where}: ${first?.message ?? 'unexpected shape'}`, json, httpStatus);
  }
  const parsed = ok.data as z.infer<S>;
  return { ok: true, data: parsed.data, warnings: parsed.warnings ?? [], infos: parsed.infos ?? [] };
}
