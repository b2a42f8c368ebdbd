import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { OpsError } from '../../../shared/api/errors';
import type { DatasourceAuth } from '../../../shared/api/monitoring-query';
import { authorizationHeader, scrubber, type RevealSecret } from './auth';
import { networkError, promFailure, who } from './errors';

/** Everything a request needs to know about where it goes. */
export interface PromTarget {
  name: string;
  /** normalised: no trailing slash */
  url: string;
  auth: DatasourceAuth;
  caPem: string | null;
  /** a host CI whose SSH connection carries the traffic */
  tunnelVia: string | null;
  timeoutMs: number;
}

/** A TCP stream to host:port opened from the far end of an SSH connection. */
export interface TunnelStream {
  stream: Duplex;
  /** gives the SSH lease back; called once the request is over */
  release(): void;
}

export type OpenTunnel = (
  ciId: string,
  host: string,
  port: number,
  o: { timeoutMs: number; signal?: AbortSignal },
) => Promise<TunnelStream>;

export interface HttpDeps {
  /** null: no vault here (an ad hoc URL from the CLI) */
  reveal: RevealSecret | null;
  openTunnel: OpenTunnel | null;
}

export interface PromRequest {
  method: 'GET' | 'POST';
  /** below the datasource URL, e.g. /api/v1/query_range */
  path: string;
  params: Array<[string, string]>;
}

export interface PromResponse {
  status: number;
  body: string;
  /** the Location header of a redirect, which is never followed */
  location?: string;
  /**
   * Takes this request's credential out of server text before it becomes a
   * message: a proxy's error page may echo the Authorization header back.
   */
  scrub(text: string): string;
}

/**
 * Larger answers (counted after gunzip, so a small compressed bomb counts in
 * full) are refused rather than held: JSON.parse and the schema check of a
 * matrix take several times its size in memory, in the process that also
 * runs every other service. 64 MB is about two million samples, far more
 * than a panel can show.
 */
export const maxResponseBytes = 64 * 1024 * 1024;

const noop = () => {};

/** ssh2 channels are Duplex streams; http wants these socket methods too. */
function asSocket(stream: Duplex): net.Socket {
  const s = stream as Duplex & Record<string, unknown>;
  for (const m of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref']) if (!s[m]) s[m] = noop;
  if (!s.destroySoon) s.destroySoon = () => stream.destroy();
  return stream as unknown as net.Socket;
}

function trustedCa(caPem: string | null): string[] | undefined {
  // The datasource's CA is trusted in addition to the system's, for this datasource only.
  return caPem ? [...tls.rootCertificates, caPem] : undefined;
}

/**
 * One HTTP exchange with Prometheus: auth from the vault, the datasource's
 * CA, its timeout for the whole exchange, a caller's AbortSignal, and the
 * SSH tunnel when set. Network failures become OpsErrors naming the
 * datasource (errors.ts); any HTTP status is returned for the caller to read.
 * Redirects are never followed (node's http does not): the Authorization
 * header must not travel to an address nobody typed.
 */
export async function sendPromRequest(
  t: PromTarget,
  deps: HttpDeps,
  req: PromRequest,
  opts: { signal?: AbortSignal; agent?: http.Agent },
): Promise<PromResponse> {
  const { signal } = opts;
  if (signal?.aborted) throw new OpsError('cancelled', `The query to ${who(t)} was cancelled.`);
  const base = new URL(t.url);
  const isHttps = base.protocol === 'https:';
  const host = base.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(base.port) || (isHttps ? 443 : 80);
  const qs = new URLSearchParams(req.params).toString();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Encoding': 'gzip',
    'User-Agent': 'Opsroom',
  };
  const authz = authorizationHeader(t.auth, deps.reveal, t.name);
  if (authz) headers.Authorization = authz;
  let body: string | undefined;
  if (req.method === 'POST') {
    // Form-encoded POST: long expressions do not hit URL length limits of proxies.
    body = qs;
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  const reqPath = `${base.pathname.replace(/\/+$/, '')}${req.path}${req.method === 'GET' && qs ? `?${qs}` : ''}`;

  let tunnel: TunnelStream | undefined;
  const deadline = performance.now() + t.timeoutMs;
  if (t.tunnelVia) {
    if (!deps.openTunnel) {
      throw promFailure('unavailable', `${who(t)} is reached through SSH, which is not available here.`, false);
    }
    tunnel = await deps.openTunnel(t.tunnelVia, host, port, { timeoutMs: t.timeoutMs, signal });
  }
  const ca = trustedCa(t.caPem);
  const options: https.RequestOptions = {
    method: req.method,
    host,
    port,
    path: reqPath,
    headers,
    signal,
    ...(isHttps ? { ca, servername: net.isIP(host) ? undefined : host } : {}),
  };
  if (tunnel) {
    const stream = tunnel.stream;
    options.createConnection = () =>
      isHttps
        ? tls.connect({ socket: asSocket(stream), ca, host, servername: net.isIP(host) ? undefined : host })
        : asSocket(stream);
  } else if (opts.agent) options.agent = opts.agent;

  try {
    const res = await exchange(
      isHttps && !tunnel ? https : http,
      options,
      body,
      Math.max(1, deadline - performance.now()),
    );
    return { ...res, scrub: scrubber(authz) };
  } catch (e) {
    if (signal?.aborted) throw new OpsError('cancelled', `The query to ${who(t)} was cancelled.`);
    if (e instanceof OpsError) throw e;
    throw networkError(t, e, t.timeoutMs);
  } finally {
    if (tunnel) {
      tunnel.stream.destroy();
      tunnel.release();
    }
  }
}

function exchange(
  mod: typeof http | typeof https,
  options: https.RequestOptions,
  body: string | undefined,
  timeoutMs: number,
): Promise<Omit<PromResponse, 'scrub'>> {
  return new Promise((resolve, reject) => {
    const timeout = Object.assign(new Error('timed out'), { code: 'OPSROOM_TIMEOUT' });
    const r = mod.request(options, (res) => {
      const gz = /gzip/i.test(String(res.headers['content-encoding'] ?? ''));
      const src = gz ? res.pipe(zlib.createGunzip()) : res;
      const chunks: Buffer[] = [];
      let size = 0;
      src.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxResponseBytes) {
          r.destroy(
            new OpsError(
              'bad_input',
              `The answer is larger than ${maxResponseBytes / 1024 / 1024} MB; select fewer series or a shorter range.`,
            ),
          );
          return;
        }
        chunks.push(c);
      });
      src.on('end', () => {
        clearTimeout(timer);
        const location = res.headers.location;
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ...(location ? { location } : {}),
        });
      });
      src.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    const timer = setTimeout(() => r.destroy(timeout), timeoutMs);
    r.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    r.end(body);
  });
}
