import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appIndexUrl,
  appOrigin,
  appProtocolHandler,
  appSchemePrivileges,
  contentTypeFor,
  devResponseHeaders,
  resolveAppUrl,
  responseHeaders,
} from '../../../main/electron/protocol';
import { contentSecurityPolicy } from '../../../main/security/csp';

let root: string;
let outside: string;

beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-proto-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Opsroom</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'a b.css'), 'body{}');
  outside = path.join(base, 'secret.txt');
  fs.writeFileSync(outside, 'do not serve');
  // a sibling whose name starts with the root's name must not count as inside
  fs.mkdirSync(path.join(base, 'renderer-evil'));
  fs.writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('resolveAppUrl', () => {
  it('maps app URLs to files under the root', () => {
    expect(appOrigin).toBe('app://opsroom');
    expect(resolveAppUrl(appIndexUrl, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://opsroom/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://opsroom', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://opsroom/assets/app.js?v=1#x', root)).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppUrl('app://opsroom/assets/a%20b.css', root)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    // the URL parser folds these to /secret.txt under the root, which does not exist
    'app://opsroom/../secret.txt',
    'app://opsroom/assets/../../secret.txt',
    'app://opsroom/%2e%2e/secret.txt',
    'app://opsroom/%2E%2E/%2e%2e/secret.txt',
    'app://opsroom//etc/passwd',
    'app://opsroom/../renderer-evil/x.js',
  ])('keeps %s inside the root', (url) => {
    const file = resolveAppUrl(url, root);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    expect(file).not.toBe(outside);
  });

  it.each([
    'app://opsroom/..%2fsecret.txt',
    'app://opsroom/assets/..%2f..%2fsecret.txt',
    'app://opsroom/%2e%2e%2fsecret.txt',
    'app://opsroom/..%5csecret.txt',
    'app://opsroom/assets\\..\\..\\secret.txt',
    'app://opsroom/%5c..%5c..%5csecret.txt',
    'app://opsroom/%2fetc%2fpasswd',
    'app://opsroom/index.html%00.js',
    'app://opsroom/%E0%A4%A',
    'app://evil/index.html',
    'app://opsroom.evil/index.html',
    'app://evil.opsroom/index.html',
    'app://user@opsroom/index.html',
    'app://opsroom:8080/index.html',
    'file:///etc/passwd',
    'http://opsroom/index.html',
    'https://opsroom/index.html',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(url, root)).toBeNull();
  });

  it('accepts the host in any case, as Chromium lower-cases it anyway', () => {
    expect(resolveAppUrl('app://OpsRoom/index.html', root)).toBe(path.join(root, 'index.html'));
  });

  it('never resolves outside the root, for any path', () => {
    const hostile = ['..', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', '\\', '/', 'a', '%00', '.'];
    for (const a of hostile)
      for (const b of hostile)
        for (const c of hostile) {
          const file = resolveAppUrl(`app://opsroom/${a}${b}/${c}secret.txt`, root);
          if (file !== null) expect(file.startsWith(root + path.sep)).toBe(true);
        }
  });
});

describe('headers', () => {
  it('sets the production CSP and a content type on every response', () => {
    const h = responseHeaders('/x/index.html');
    expect(h['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(h['Content-Type']).toBe('text/html; charset=utf-8');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(contentTypeFor('a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/unknown.bin')).toBe('application/octet-stream');
  });

  it('replaces a dev server CSP with the dev CSP, whatever its case', () => {
    const out = devResponseHeaders(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      'http://localhost:5173',
    );
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Security-Policy']).toEqual([
      contentSecurityPolicy({ dev: { origin: 'http://localhost:5173' } }),
    ]);
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(devResponseHeaders(undefined, 'http://localhost:5173')['Content-Security-Policy']).toHaveLength(1);
  });

  it('registers the scheme as standard, secure and fetchable', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('appProtocolHandler', () => {
  it('serves files with the CSP header', async () => {
    const handle = appProtocolHandler(root);
    const res = await handle(fakeRequest(appIndexUrl));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Opsroom</title>');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
  });

  it('answers 404 with the CSP for traversal, other hosts and missing files', async () => {
    const handle = appProtocolHandler(root);
    for (const url of ['app://opsroom/%2e%2e/secret.txt', 'app://evil/index.html', 'app://opsroom/missing.js']) {
      const res = await handle(fakeRequest(url));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await appProtocolHandler(root)(fakeRequest(appIndexUrl, 'POST'));
    expect(res.status).toBe(405);
  });
});

/** Node's Request accepts app:// URLs, but build it plainly so the test does not depend on that. */
function fakeRequest(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}
