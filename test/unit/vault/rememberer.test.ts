import { expect, it } from 'vitest';
import { unavailableRememberer } from '../../../main/vault/rememberer';

it('the unavailable rememberer never stores anything and says why', () => {
  const r = unavailableRememberer();
  expect(r.availability()).toEqual({
    available: false,
    reason: 'Remembering an unlock needs the desktop app and the OS keychain.',
  });
  expect(() => r.save('v', Buffer.alloc(32))).toThrow(/desktop app/);
  expect(r.load('v')).toBeNull();
  expect(r.has('v')).toBe(false);
  expect(unavailableRememberer('web mode').availability().reason).toBe('web mode');
});
