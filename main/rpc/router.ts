import { randomUUID } from 'node:crypto';
import { api, isMethodName, type CallOutput, type MethodName, type ParsedInput } from '../../shared/api';
import type { MethodDef } from '../../shared/api/define';
import type { CallResult } from '../../shared/api/wire';
import type { Logger } from '../applog/types';
import { describeZodError, toRpcError } from './errors';

export type Via = 'desktop' | 'web' | 'cli' | 'internal';

export interface CallContext {
  /** who asked: an OS user name, with the way in */
  actor: string;
  via: Via;
  requestId: string;
  /** seq of the audit entry written before this mutation ran (null for queries) */
  auditRef?: number;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: CallContext,
) => CallOutput<M> | Promise<CallOutput<M>>;

/** One handler per declared call; the compiler refuses a missing or misspelt one. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** What the router needs from the audit chain to bracket every mutation. */
export interface AuditSink {
  begin(e: { actor: string; action: string; target: string; details: Record<string, unknown> }): number;
  complete(
    ref: number,
    e: {
      actor: string;
      action: string;
      target: string;
      outcome: 'ok' | 'error' | 'cancelled';
      details: Record<string, unknown>;
    },
  ): void;
}

export interface Router {
  call(
    method: string,
    rawInput: unknown,
    ctx: Omit<CallContext, 'requestId'> & { requestId?: string },
  ): Promise<CallResult>;
}

function redact(input: unknown, sensitive: readonly string[] | undefined): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { input };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k] = sensitive?.includes(k) ? '[redacted]' : v;
  return out;
}

function defaultTarget(input: unknown): string {
  if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    for (const key of ['id', 'name', 'target', 'path', 'key']) {
      if (typeof o[key] === 'string' || typeof o[key] === 'number') return String(o[key]);
    }
  }
  return '';
}

/**
 * Built from the contract: every input is parsed with its schema before a
 * handler sees it, every output is parsed on the way out (so a field the
 * contract does not declare can never leak), every mutation is written to the
 * audit chain before it runs and again when it ends, and every failure leaves
 * as `{code, message, details}`.
 */
export function createRouter(opts: { handlers: Handlers; audit?: AuditSink; logger: Logger }): Router {
  const { handlers, audit, logger } = opts;
  const log = logger.child('rpc');

  return {
    async call(method, rawInput, partialCtx) {
      const ctx: CallContext = { ...partialCtx, requestId: partialCtx.requestId ?? randomUUID() };
      if (!isMethodName(method)) {
        return {
          ok: false,
          error: { code: 'unknown_method', message: `There is no call named "${method}" in this version of Opsroom.` },
        };
      }
      const def = api[method] as MethodDef;
      const parsed = def.input.safeParse(rawInput);
      if (!parsed.success) {
        return { ok: false, error: describeZodError(method, parsed.error).toJSON() };
      }
      const input = parsed.data;
      const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;

      let ref: number | undefined;
      let target = '';
      const details = { requestId: ctx.requestId, via: ctx.via, ...redact(input, def.sensitive) };
      if (def.kind === 'mutation' && audit) {
        target = def.auditTarget ? def.auditTarget(input) : defaultTarget(input);
        try {
          ref = audit.begin({ actor: ctx.actor, action: method, target, details });
          ctx.auditRef = ref;
        } catch (err) {
          // No audit entry, no action: an unrecorded mutation is worse than a refused one.
          log.error('audit begin failed; call refused', { method, error: String(err) });
          return { ok: false, error: toRpcError(method, err) };
        }
      }

      try {
        const raw = await handler(input, ctx);
        const out = def.output.safeParse(raw);
        if (!out.success) {
          log.error('handler output does not match the contract', {
            method,
            issues: out.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
          });
          throw new Error(`the answer of ${method} does not match the contract`);
        }
        if (ref !== undefined && audit) {
          audit.complete(ref, {
            actor: ctx.actor,
            action: method,
            target,
            outcome: 'ok',
            details: { requestId: ctx.requestId },
          });
        }
        return { ok: true, result: out.data };
      } catch (err) {
        const error = toRpcError(method, err);
        if (error.code === 'internal')
          log.error('call failed', { method, error: err instanceof Error ? err.stack : String(err) });
        if (ref !== undefined && audit) {
          try {
            audit.complete(ref, {
              actor: ctx.actor,
              action: method,
              target,
              outcome: error.code === 'cancelled' ? 'cancelled' : 'error',
              details: { requestId: ctx.requestId, code: error.code, message: error.message },
            });
          } catch (auditErr) {
            log.error('audit complete failed', { method, error: String(auditErr) });
          }
        }
        return { ok: false, error };
      }
    },
  };
}
