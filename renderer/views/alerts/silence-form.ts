import type { Matcher } from '../../../shared/api/monitoring-model';

export type MatcherOp = Matcher['op'];
export const matcherOps: readonly MatcherOp[] = ['=', '!=', '=~', '!~'];

export interface MatcherRow {
  name: string;
  op: MatcherOp;
  value: string;
}

export const durationPresets = { '1h': 3_600_000, '4h': 4 * 3_600_000, '1d': 86_400_000 } as const;
export type DurationChoice = keyof typeof durationPresets | 'until';

export interface SilenceForm {
  matchers: MatcherRow[];
  duration: DurationChoice;
  /** `until` only: a datetime-local value ("2026-11-27T18:00") in the person's time zone */
  endsAt: string;
  comment: string;
}

export interface SilenceFormErrors {
  /** per matcher row, null when the row is fine */
  matchers: (string | null)[];
  /** about the matchers as a whole (none, or they would silence everything) */
  matcherSet?: string;
  endsAt?: string;
  comment?: string;
}

export interface SilenceCreate {
  matchers: Matcher[];
  endsAt: number;
  comment: string;
}

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const isBlank = (r: MatcherRow) => !r.name.trim() && !r.value;

/** A regex matcher is anchored on both ends, as in Alertmanager. */
function anchored(value: string): RegExp | null {
  try {
    return new RegExp(`^(?:${value})$`);
  } catch {
    return null;
  }
}

/** Whether a matcher accepts an absent label (the empty string), which would match any alert. */
export function matchesEmpty(m: Matcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return anchored(m.value)?.test('') ?? false;
    case '!~':
      return !(anchored(m.value)?.test('') ?? true);
  }
}

export function matcherRowProblem(r: MatcherRow): string | null {
  const name = r.name.trim();
  if (!name) return 'Name the label to match.';
  if (name.length > 200) return 'The label name is too long.';
  if (!labelName.test(name)) return `"${name}" is not a label name (letters, digits and _, not starting with a digit).`;
  if (r.value.length > 2000) return 'The value is too long (2000 characters at most).';
  if ((r.op === '=~' || r.op === '!~') && !anchored(r.value)) return `"${r.value}" is not a valid regular expression.`;
  return null;
}

/**
 * Checks the form and builds the create call's input. Blank rows are ignored;
 * at least one matcher must remain, and not all of them may match an empty
 * label, as Alertmanager refuses a silence that would mute every alert.
 */
export function validateSilence(form: SilenceForm, now: number): { errors: SilenceFormErrors; input?: SilenceCreate } {
  const errors: SilenceFormErrors = { matchers: form.matchers.map((r) => (isBlank(r) ? null : matcherRowProblem(r))) };
  const rows = form.matchers.filter((r) => !isBlank(r));
  const matchers: Matcher[] = rows.map((r) => ({ name: r.name.trim(), op: r.op, value: r.value }));
  if (!rows.length) errors.matcherSet = 'Add at least one matcher.';
  else if (errors.matchers.every((e) => e === null) && matchers.every(matchesEmpty))
    errors.matcherSet = 'These matchers would silence every alert; add one that needs a label value.';
  const comment = form.comment.trim();
  if (!comment) errors.comment = 'Say why (the comment is kept with the silence).';
  else if (comment.length > 2000) errors.comment = 'The comment is too long (2000 characters at most).';
  let endsAt: number;
  if (form.duration === 'until') {
    endsAt = form.endsAt ? new Date(form.endsAt).getTime() : NaN;
    if (Number.isNaN(endsAt)) errors.endsAt = 'Pick when the silence ends.';
    else if (endsAt <= now) errors.endsAt = 'The end is in the past; pick a later time.';
  } else endsAt = now + durationPresets[form.duration];
  const ok = errors.matchers.every((e) => e === null) && !errors.matcherSet && !errors.comment && !errors.endsAt;
  return ok ? { errors, input: { matchers, endsAt, comment } } : { errors };
}

export function emptySilenceForm(matchers: MatcherRow[] = []): SilenceForm {
  return {
    matchers: matchers.length ? matchers : [{ name: '', op: '=', value: '' }],
    duration: '1h',
    endsAt: '',
    comment: '',
  };
}

export function matcherText(m: Matcher): string {
  return `${m.name}${m.op}"${m.value}"`;
}
