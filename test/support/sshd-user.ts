import fs from 'node:fs';
import path from 'node:path';
import { run } from './sshd-registry';

export const LAB_USER = 'opsroomlab';
/** Test constant for password-auth tests; the account exists only on test machines. */
export const LAB_PASSWORD = 'opsroom-lab-Pw-7';

let cached: { name: string; home: string } | undefined;

/**
 * The dedicated login user of every lab sshd. Not root: root's ~/.bashrc on
 * these machines runs `pyenv init`, and concurrent non-interactive logins then
 * serialise on pyenv's lock. This user's dotfiles are empty. `useradd` leaves
 * the account locked ('!' in shadow) and with `UsePAM no` sshd then refuses
 * even public keys, so a password is set (which also unlocks it).
 * Idempotent and safe when several test processes call it at once.
 */
export function ensureLabUser(): { name: string; home: string } {
  if (cached) return cached;
  if (!userExists()) {
    retry(() => {
      try {
        run('useradd', ['-m', '-s', '/bin/bash', LAB_USER]);
      } catch (e) {
        // 9 = already exists: another test process won the race.
        if ((e as { status?: number }).status !== 9) throw e;
      }
    });
  }
  const home = run('getent', ['passwd', LAB_USER]).trim().split(':')[5];
  for (const f of ['.bashrc', '.profile', '.bash_logout']) {
    const p = path.join(home, f);
    if (!fs.existsSync(p) || fs.statSync(p).size > 0) fs.writeFileSync(p, '');
  }
  const shadow = run('getent', ['shadow', LAB_USER]).trim().split(':')[1] ?? '';
  if (!shadow.startsWith('$')) {
    try {
      retry(() => run('chpasswd', [], `${LAB_USER}:${LAB_PASSWORD}\n`));
    } catch {
      // No password possible: at least unlock the account for key auth.
      retry(() => run('usermod', ['-p', '*', LAB_USER]));
    }
  }
  cached = { name: LAB_USER, home };
  return cached;
}

function userExists(): boolean {
  try {
    run('id', ['-u', LAB_USER]);
    return true;
  } catch {
    return false;
  }
}

/** /etc/passwd and /etc/shadow are locked while another process edits them. */
function retry<T>(fn: () => T): T {
  for (let i = 0; ; i++) {
    try {
      return fn();
    } catch (e) {
      if (i >= 20) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}
