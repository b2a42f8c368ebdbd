export interface Strength {
  /** 0 (refused) … 4 (strong) */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  hint: string;
}

/** The contract's minimum; the backend refuses anything shorter. */
export const minPassphrase = 10;

/**
 * A rough hint, not a gate beyond the minimum length: counts length and the
 * character classes used, and marks down repeats and sequences people reach for.
 */
export function passphraseStrength(p: string): Strength {
  if (p.length < minPassphrase)
    return {
      score: 0,
      label: 'too short',
      hint: `Use at least ${minPassphrase} characters; a few unrelated words work well.`,
    };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p
    .trim()
    .split(/[\s\-_.]+/)
    .filter((w) => w.length >= 3).length;
  let bits = p.length * (classes >= 3 ? 3.5 : classes === 2 ? 2.8 : 2.2) + (words >= 4 ? 12 : 0);
  if (/(.)\1{3,}/.test(p)) bits -= 15;
  if (/(0123|1234|2345|abcd|qwer|asdf|password|letmein)/i.test(p)) bits -= 20;
  if (new Set(p).size <= 4) bits -= 20;
  if (bits < 35) return { score: 1, label: 'weak', hint: 'Longer is better: add another unrelated word.' };
  if (bits < 50) return { score: 2, label: 'fair', hint: 'Acceptable; a longer passphrase is safer.' };
  if (bits < 70) return { score: 3, label: 'good', hint: 'Good.' };
  return { score: 4, label: 'strong', hint: 'Strong.' };
}
