import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './registry';

/** The dedicated login user of lab hosts when the lab runs as root. */
export const LAB_USER = 'opsroomlab';

export interface LabUser {
  name: string;
  home: string;
}

const ready = new Map<string, LabUser>();

/**
 * Who logs in to the lab's sshd. As root: the dedicated user `opsroomlab`,
 * created when missing, with empty dotfiles — root's ~/.bashrc on these
 * machines runs `pyenv init`, and concurrent non-interactive logins then
 * serialise on pyenv's lock. Not root: sshd can only let in the user it runs
 * as, so that is the current user.
 */
export function labLoginUser(): LabUser {
  if (process.getuid?.() === 0) return ensureLabUser();
  const me = os.userInfo();
  return { name: me.username, home: me.homedir };
}

/**
 * Creates (once) and unlocks the dedicated lab user. `useradd` leaves the
 * account locked ('!' in shadow) and with `UsePAM no` sshd then refuses even
 * public keys: with `password` the account gets that password (tests of
 * password logins), otherwise it is unlocked without one (`usermod -p '*'`).
 * Idempotent and safe when several processes call it at once. Needs root.
 */
export function ensureLabUser(opts: { password?: string } = {}): LabUser {
  const key = opts.password ?? '';
  const cached = ready.get(key);
  if (cached) return cached;
  if (!userExists()) {
    retry(() => {
      try {
        run('useradd', ['-m', '-s', '/bin/bash', LAB_USER]);
      } catch (e) {
        // 9 = already exists: another process won the race.
        if ((e as { status?: number }).status !== 9) throw e;
      }
    });
  }
  const home = run('getent', ['passwd', LAB_USER]).trim().split(':')[5]!;
  for (const f of ['.bashrc', '.profile', '.bash_logout']) {
    const p = path.join(home, f);
    if (!fs.existsSync(p) || fs.statSync(p).size > 0) fs.writeFileSync(p, '');
  }
  const shadow = run('getent', ['shadow', LAB_USER]).trim().split(':')[1] ?? '';
  const hasPassword = shadow.startsWith('$');
  if (opts.password && !hasPassword) {
    try {
      retry(() => run('chpasswd', [], `${LAB_USER}:${opts.password}\n`));
    } catch {
      // No password possible: at least unlock the account for key auth.
      retry(() => run('usermod', ['-p', '*', LAB_USER]));
    }
  } else if (!hasPassword && shadow !== '*') {
    retry(() => run('usermod', ['-p', '*', LAB_USER]));
  }
  const user = { name: LAB_USER, home };
  ready.set(key, user);
  return user;
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
