import { startSshd as startServer, type LabSshd, type SshdOptions } from '../../main/lab/sshd';
import { ensureLabUser, LAB_USER } from './sshd-user';

export { readBanner, type LabSshd, type SshdOptions } from '../../main/lab/sshd';

/**
 * A real OpenSSH server (main/lab/sshd.ts) for the test lab user, who also
 * has a password here so password-auth tests can log in.
 */
export async function startSshd(opts: SshdOptions): Promise<LabSshd> {
  ensureLabUser();
  return startServer({ user: LAB_USER, ...opts });
}
