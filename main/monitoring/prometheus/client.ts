import http from 'node:http';
import https from 'node:https';
import { isOpsError, OpsError } from '../../../shared/api/errors';
import type { Clock } from '../../clock';
import type { PromHttpAnswer, PromOutcome } from '../query/prometheus-envelope';
import { promErrorToOpsError, type PromError } from '../query/prometheus-error';
import { Backoff, waitText } from './backoff';
import { isRetryable, promFailure, who } from './errors';
import { sendPromRequest, type HttpDeps, type PromRequest, type PromResponse, type PromTarget } from './http';

export interface PromClientOptions {
  target: PromTarget;
  http: HttpDeps;
  clock: Clock;
  backoff?: Backoff;
  /** the pause before the one quick retry of a transient failure (default 250 ms) */
  quickRetryMs?: number;
}

export interface PromData<T> {
  data: T;
  warnings: string[];
}

export interface PromHealth {
  ok: boolean;
  version: string | null;
  latencyMs: number | null;
  message: string;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Calls one Prometheus: one quick retry of a transient failure, then the
 * datasource's backoff window (backoff.ts), during which calls fail at once
 * with the last error and the time of the next try. A bad query is the
 * server's answer, never retried; it also proves the server is reachable.
 */
export class PromClient {
  readonly backoff: Backoff;
  private readonly agent: http.Agent;

  constructor(private readonly o: PromClientOptions) {
    this.backoff = o.backoff ?? new Backoff();
    const Agent = o.target.url.startsWith('https:') ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 8 });
  }

  get target(): PromTarget {
    return this.o.target;
  }

  async call<T>(
    req: PromRequest,
    parse: (a: PromHttpAnswer) => PromOutcome<T>,
    signal?: AbortSignal,
  ): Promise<PromData<T>> {
    const t = this.o.target;
    const blocked = this.backoff.blocked(this.o.clock.now());
    if (blocked) {
      throw promFailure(
        'unavailable',
        `${blocked.lastError} Queries to it are paused; the next try is in ${waitText(blocked.until - this.o.clock.now())}.`,
        true,
        { datasource: t.name, retryAt: blocked.until },
      );
    }
    try {
      let out: PromData<T>;
      try {
        out = await this.once(req, parse, signal);
      } catch (e) {
        if (!isRetryable(e) || signal?.aborted) throw e;
        await sleep(this.o.quickRetryMs ?? 250, signal);
        if (signal?.aborted) throw new OpsError('cancelled', `The query to ${who(t)} was cancelled.`);
        out = await this.once(req, parse, signal);
      }
      this.backoff.succeed();
      return out;
    } catch (e) {
      if (!isOpsError(e)) throw e;
      if (isRetryable(e)) {
        const until = this.backoff.fail(this.o.clock.now(), e.message);
        const msg = `${e.message} Queries to it pause for ${waitText(until - this.o.clock.now())} before the next try.`;
        throw new OpsError(e.code, msg, { ...(e.details as object), retryAt: until });
      }
      // The server answered (a bad query, refused credentials): it is reachable.
      if ((e.details as { answered?: boolean } | undefined)?.answered) this.backoff.succeed();
      throw e;
    }
  }

  /** GET /api/v1/status/buildinfo once, ignoring the backoff window (a person asked). */
  async health(signal?: AbortSignal): Promise<PromHealth> {
    const t0 = performance.now();
    try {
      const res = await sendPromRequest(
        this.o.target,
        this.o.http,
        { method: 'GET', path: '/api/v1/status/buildinfo', params: [] },
        { signal, agent: this.agent },
      );
      const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
      this.checkAnswered(res);
      const version = buildVersion(res.body);
      if (res.status !== 200 || version === null) {
        throw promFailure(
          'unavailable',
          `${who(this.o.target)} answered HTTP ${res.status} without a Prometheus build version; is this the Prometheus base URL?`,
          false,
        );
      }
      this.backoff.succeed();
      return { ok: true, version, latencyMs, message: `Prometheus ${version} answered in ${latencyMs} ms.` };
    } catch (e) {
      if (!isOpsError(e)) throw e;
      return { ok: false, version: null, latencyMs: null, message: e.message };
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private async once<T>(
    req: PromRequest,
    parse: (a: PromHttpAnswer) => PromOutcome<T>,
    signal?: AbortSignal,
  ): Promise<PromData<T>> {
    const res = await sendPromRequest(this.o.target, this.o.http, req, { signal, agent: this.agent });
    this.checkAnswered(res);
    const outcome = parse({ body: res.body, httpStatus: res.status });
    if (outcome.ok) {
      return { data: outcome.data, warnings: [...outcome.warnings, ...outcome.infos.map((i) => `info: ${i}`)] };
    }
    throw this.answerError({ ...outcome.error, message: res.scrub(outcome.error.message) }, res.status);
  }

  private answerError(pe: PromError, status: number): OpsError {
    const t = this.o.target;
    // A non-JSON 5xx is a proxy or a Prometheus going down: transient, like a refused connection.
    const transient = pe.retryable || (pe.errorType === 'bad_response' && status >= 500);
    const base = promErrorToOpsError(pe);
    const code = transient && base.code === 'bad_input' ? 'unavailable' : base.code;
    return promFailure(code, `${who(t)}: ${pe.message}`, transient, {
      ...(base.details as object),
      datasource: t.name,
      answered: !transient,
    });
  }

  /** Answers that are not Prometheus's to read: a redirect, refused credentials. */
  private checkAnswered(res: PromResponse): void {
    if (res.status >= 300 && res.status < 400 && res.location) throw this.redirectError(res.status, res.location);
    this.checkAuthStatus(res);
  }

  private redirectError(status: number, location: string): OpsError {
    const t = this.o.target;
    let where = location.slice(0, 200);
    try {
      // Only where it points: a login redirect's query may carry a session state.
      const u = new URL(location, t.url);
      where = `${u.origin}${u.pathname}`;
    } catch {
      // not a URL: shown as sent
    }
    return promFailure(
      'bad_input',
      `${who(t)} answered with a redirect (HTTP ${status}) to ${where}, which Opsroom does not follow so that credentials never go to another address; if Prometheus is there, make that the datasource URL (a login page means it needs a token or basic auth instead).`,
      false,
      { datasource: t.name, httpStatus: status, answered: true },
    );
  }

  private checkAuthStatus(res: PromResponse): void {
    const { status } = res;
    if (status !== 401 && status !== 403) return;
    const t = this.o.target;
    const snippet = res.scrub(res.body).replace(/\s+/g, ' ').trim().slice(0, 160);
    const fix =
      t.auth.kind === 'none'
        ? 'it needs credentials: add a bearer token or basic auth to the datasource'
        : `check the ${t.auth.kind === 'bearer' ? 'bearer token' : 'basic-auth user and password'} in the vault`;
    throw promFailure(
      'forbidden',
      `${who(t)} refused the request (HTTP ${status}${snippet ? `: ${snippet}` : ''}); ${fix}.`,
      false,
      { datasource: t.name, httpStatus: status, answered: true },
    );
  }
}

function buildVersion(body: string): string | null {
  try {
    const j = JSON.parse(body) as { status?: unknown; data?: { version?: unknown } };
    return j.status === 'success' && typeof j.data?.version === 'string' ? j.data.version : null;
  } catch {
    return null;
  }
}
