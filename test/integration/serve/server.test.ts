import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { silentLogger } from '../../../main/applog/types';
import { EventBus } from '../../../main/rpc/events';
import { createRouter, type Handlers } from '../../../main/rpc/router';
import { startServer, type RunningServer } from '../../../main/serve/server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        setHost: !opts.headers?.Host,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A raw upgrade with whatever headers a hostile page or tool could send; resolves with the status line's code. */
function rawUpgrade(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/rpc',
      setHost: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        'Sec-WebSocket-Version': '13',
        ...headers,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

function openWs(srv: RunningServer, opts: { cookie?: string; origin?: string }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/rpc`, {
      origin: opts.origin ?? srv.origin,
      headers: opts.cookie ? { Cookie: opts.cookie } : {},
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(
  ws: WebSocket,
  pred: (m: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (data: Buffer) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if (pred(m)) {
        ws.off('message', on);
        resolve(m);
      }
    };
    ws.on('message', on);
  });
}

const job = {
  id: 'job-1',
  kind: 'test',
  title: 'A test job',
  actor: 'tester',
  state: 'running',
  progress: { done: 1, total: 2, message: 'half' },
  createdAt: 1,
  startedAt: 1,
  finishedAt: null,
};

describe('web mode server', () => {
  let dir: string;
  let rendererDir: string;
  let srv: RunningServer;
  const bus = new EventBus();
  const token = 'test-token-'.padEnd(43, 'x');
  const seenActors: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-serve-'));
    rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Opsroom test</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve me');
    const handlers = {
      'system.info': (_i: unknown, ctx: { actor: string; via: string }) => {
        seenActors.push(`${ctx.actor}/${ctx.via}`);
        return {
          app: 'Opsroom',
          version: '0.0.0-test',
          workspacePath: '/tmp/x.sqlite',
          readOnly: false,
          demo: false,
          platform: 'test',
          mode: 'web',
          user: 'tester',
        };
      },
      'jobs.get': ({ id }: { id: string }) => ({ ...job, id }),
    } as unknown as Handlers;
    const router = createRouter({ handlers, logger: silentLogger });
    srv = await startServer({ router, bus, rendererDir, logger: silentLogger, actor: 'alice', token });
  });

  afterAll(async () => {
    await srv?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${srv.port}`;

  async function login(): Promise<string> {
    const r = await request(srv.port, {
      method: 'POST',
      path: '/auth',
      headers: { Host: host(), Origin: srv.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(r.status).toBe(204);
    const cookie = String(r.headers['set-cookie']?.[0] ?? '');
    return cookie.split(';')[0];
  }

  it('prints a loopback URL with the token in the fragment', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/#token=${token}`);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie that is not the token', async () => {
    const r = await request(srv.port, {
      method: 'POST',
      path: '/auth',
      headers: { Host: host(), Origin: srv.origin },
      body: JSON.stringify({ token }),
    });
    expect(r.status).toBe(204);
    const cookie = String(r.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/^opsroom_session_\d+=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(cookie).not.toContain(token);
  });

  it('refuses a wrong token, a foreign Origin, a missing Origin and an oversized body', async () => {
    const base = { method: 'POST', path: '/auth' };
    expect(
      (await request(srv.port, { ...base, headers: { Host: host(), Origin: srv.origin }, body: '{"token":"nope"}' }))
        .status,
    ).toBe(401);
    expect(
      (
        await request(srv.port, {
          ...base,
          headers: { Host: host(), Origin: 'http://evil.example' },
          body: JSON.stringify({ token }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await request(srv.port, { ...base, headers: { Host: host() }, body: JSON.stringify({ token }) })).status,
    ).toBe(403);
    expect(
      (await request(srv.port, { ...base, headers: { Host: host(), Origin: 'null' }, body: JSON.stringify({ token }) }))
        .status,
    ).toBe(403);
    const big = await request(srv.port, {
      ...base,
      headers: { Host: host(), Origin: srv.origin },
      body: JSON.stringify({ token: 'x'.repeat(10_000) }),
    }).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });

  it('serves index.html with the security headers and checks Host on every request', async () => {
    const r = await request(srv.port, { path: '/', headers: { Host: host() } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('Opsroom test');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['cache-control']).toBe('no-store');

    const js = await request(srv.port, { path: '/assets/app.js', headers: { Host: `localhost:${srv.port}` } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');

    const spa = await request(srv.port, { path: '/audit/12', headers: { Host: host() } });
    expect(spa.body).toContain('Opsroom test');
    expect((await request(srv.port, { path: '/assets/missing.js', headers: { Host: host() } })).status).toBe(404);

    const rebound = await request(srv.port, { path: '/', headers: { Host: `evil.example:${srv.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatch(/Host/);
    expect((await request(srv.port, { method: 'POST', path: '/', headers: { Host: host() } })).status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/secret.txt%00.js',
  ])('refuses traversal %s', async (p) => {
    const r = await request(srv.port, { path: p, headers: { Host: host() } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body).not.toContain('do not serve me');
  });

  it('refuses the WebSocket without a cookie, with a forged cookie, a foreign Origin or a rebinding Host', async () => {
    const cookie = await login();
    await expect(openWs(srv, {})).rejects.toThrow(/401/);
    await expect(openWs(srv, { cookie: `opsroom_session_${srv.port}=forged` })).rejects.toThrow(/401/);
    await expect(openWs(srv, { cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    expect(await rawUpgrade(srv.port, { Host: `evil.example:${srv.port}`, Origin: srv.origin, Cookie: cookie })).toBe(
      403,
    );
    expect(
      await rawUpgrade(srv.port, { Host: `127.0.0.1.evil.com:${srv.port}`, Origin: srv.origin, Cookie: cookie }),
    ).toBe(403);
    expect(await rawUpgrade(srv.port, { Host: host(), Cookie: cookie })).toBe(403);
    expect(await rawUpgrade(srv.port, { Host: host(), Origin: srv.origin, Cookie: cookie })).toBe(101);
  });

  it('round-trips calls, reports bad input and keeps the connection after bad JSON', async () => {
    const ws = await openWs(srv, { cookie: await login() });
    try {
      let reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'call', id: 1, method: 'system.info', input: undefined }));
      const info = await reply;
      expect(info).toMatchObject({ t: 'result', id: 1, ok: true, result: { app: 'Opsroom' } });
      expect(seenActors).toContain('alice/web');

      reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'call', id: 2, method: 'jobs.get', input: { id: 5 } }));
      expect(await reply).toMatchObject({ t: 'result', id: 2, ok: false, error: { code: 'bad_input' } });

      reply = nextMessage(ws);
      ws.send('{not json');
      expect(await reply).toMatchObject({ t: 'error', error: { code: 'bad_input' } });

      reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'call', id: 3, method: 'no.such' }));
      expect(await reply).toMatchObject({ t: 'result', id: 3, ok: false, error: { code: 'unknown_method' } });

      reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'sub', topic: 'no.such.topic' }));
      expect(await reply).toMatchObject({ t: 'error', error: { code: 'bad_input' } });
    } finally {
      ws.close();
    }
  });

  it('forwards subscribed events, stops after unsub and unsubscribes on close', async () => {
    const ws = await openWs(srv, { cookie: await login() });
    ws.send(JSON.stringify({ t: 'sub', topic: 'jobs.updated' }));
    // a call after the sub proves the sub was processed (messages are handled in order)
    let reply = nextMessage(ws);
    ws.send(JSON.stringify({ t: 'call', id: 9, method: 'system.info' }));
    await reply;
    expect(bus.listenerCount('jobs.updated')).toBe(1);

    reply = nextMessage(ws, (m) => m.t === 'event');
    bus.publish('jobs.updated', job as never);
    expect(await reply).toEqual({ t: 'event', topic: 'jobs.updated', payload: job });

    ws.send(JSON.stringify({ t: 'unsub', topic: 'jobs.updated' }));
    reply = nextMessage(ws);
    ws.send(JSON.stringify({ t: 'call', id: 10, method: 'system.info' }));
    await reply;
    expect(bus.listenerCount('jobs.updated')).toBe(0);

    ws.send(JSON.stringify({ t: 'sub', topic: 'jobs.updated' }));
    reply = nextMessage(ws);
    ws.send(JSON.stringify({ t: 'call', id: 11, method: 'system.info' }));
    await reply;
    expect(bus.listenerCount('jobs.updated')).toBe(1);
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(bus.listenerCount('jobs.updated')).toBe(0);
  });

  it('throttles token guessing with 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await request(srv.port, {
        method: 'POST',
        path: '/auth',
        headers: { Host: host(), Origin: srv.origin },
        body: '{"token":"guess"}',
      });
      codes.push(r.status);
    }
    expect(codes.slice(0, 15).every((c) => c === 401)).toBe(true);
    expect(codes[codes.length - 1]).toBe(429);
  });
});

describe('web mode without a built renderer', () => {
  it('answers 503 saying how to build it', async () => {
    const router = createRouter({ handlers: {} as Handlers, logger: silentLogger });
    const srv = await startServer({
      router,
      bus: new EventBus(),
      rendererDir: path.join(os.tmpdir(), 'opsroom-no-such-renderer-dir'),
      logger: silentLogger,
      actor: 'a',
    });
    try {
      const r = await request(srv.port, { path: '/', headers: { Host: `127.0.0.1:${srv.port}` } });
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build');
      expect(srv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await srv.close();
    }
  });
});
