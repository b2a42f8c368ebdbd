import { ensureLabUser as ensureUser, LAB_USER } from '../../main/lab/user';

export { LAB_USER };
/** Test constant for password-auth tests; the account exists only on test machines. */
export const LAB_PASSWORD = 'opsroom-lab-Pw-7';

/**
 * The dedicated login user of every lab sshd (see main/lab/user.ts), with
 * LAB_PASSWORD set so password-auth tests can log in. Needs root.
 */
export function ensureLabUser(): { name: string; home: string } {
  return ensureUser({ password: LAB_PASSWORD });
}
