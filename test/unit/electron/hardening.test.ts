import { describe, expect, it } from 'vitest';
import { hardenWebContents, type HardenableContents } from '../../../main/electron/hardening';
import type { Logger } from '../../../main/applog/types';
import { FakeContents, fakeEvent } from './fakes';

function harden(): { contents: FakeContents; warnings: string[] } {
  const contents = new FakeContents();
  const warnings: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (msg) => void warnings.push(msg),
    error() {},
    child: () => logger,
  };
  hardenWebContents(contents as unknown as HardenableContents, { appOrigin: 'app://opsroom', logger });
  return { contents, warnings };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: refuses leaving the app, allows staying in it', (name) => {
    const { contents, warnings } = harden();
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://evil/',
      'app://opsroom.evil/',
      'javascript:alert(1)',
    ]) {
      const e = fakeEvent();
      contents.emit(name, e, url);
      expect(e.prevented, url).toBe(true);
    }
    const ok = fakeEvent();
    contents.emit(name, ok, 'app://opsroom/index.html#/jobs');
    expect(ok.prevented).toBe(false);
    expect(warnings.length).toBe(5);
  });

  it('denies every new window and logs it', () => {
    const { contents, warnings } = harden();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://opsroom/index.html' })).toEqual({ action: 'deny' });
    expect(warnings).toContain('new window refused');
  });

  it('refuses webviews', () => {
    const { contents } = harden();
    const e = fakeEvent();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { contents } = harden();
    for (const perm of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = [];
      contents.permissionRequest?.(contents, perm, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
    }
    expect(contents.permissionCheck?.(null, 'media', 'app://opsroom')).toBe(false);
  });
});
