import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from '../../../main/serve/static-path';

const root = path.resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps / and files to files under the root', () => {
    expect(resolveStaticPath(root, '/')).toEqual({
      kind: 'file',
      file: path.join(root, 'index.html'),
      spaFallback: false,
    });
    expect(resolveStaticPath(root, '/assets/app.js?v=1')).toEqual({
      kind: 'file',
      file: path.join(root, 'assets/app.js'),
      spaFallback: false,
    });
  });

  it('sends routes without an extension to index.html', () => {
    expect(resolveStaticPath(root, '/audit/42')).toEqual({
      kind: 'file',
      file: path.join(root, 'index.html'),
      spaFallback: true,
    });
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/index.html%00.js',
    '/a\0b.js',
    '/..\\..\\windows\\win.ini',
    '/assets%5c..%5c..%5csecret.txt',
    '/./index.html',
    '/.env',
    '/%E0%A4%A.js', // broken percent-encoding
    'index.html', // not origin-form
    '//etc/passwd', // an absolute path after the first slash: caught by the prefix check
  ])('refuses %s', (target) => {
    expect(resolveStaticPath(root, target).kind).toBe('refused');
  });

  it.each(['/%252e%252e/x.js', '/assets//x.js'])('keeps the odd-but-harmless %s inside the root', (target) => {
    const r = resolveStaticPath(root, target);
    expect(r.kind).toBe('file');
    if (r.kind === 'file') expect(r.file.startsWith(root + path.sep)).toBe(true);
  });

  it('knows the content types a Vite build emits', () => {
    expect(contentTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('blob.xyz')).toBe('application/octet-stream');
  });
});
