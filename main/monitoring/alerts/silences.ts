import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/api';
import { OpsError } from '../../../shared/api/errors';
import type { Silence } from '../../../shared/api/monitoring-alerts';
import type { Labels } from '../../../shared/api/monitoring-model';
import type { Clock } from '../../clock';
import { compileMatchers, matchesEverything, type MatchFn } from './matchers';
import type { AlertStore, StoredSilence } from './store';

/**
 * Silences as Alertmanager keeps them: a silence mutes the alerts whose labels
 * match all its matchers between startsAt and endsAt. A silenced alert keeps
 * its state and still shows; only the notification is held back. The state
 * (pending, active, expired) is derived from the clock, never stored.
 */

export function silenceState(s: StoredSilence, now: number): Silence['state'] {
  if (now < s.startsAt) return 'pending';
  return now < s.endsAt ? 'active' : 'expired';
}

const withState = (s: StoredSilence, now: number): Silence => ({ ...s, state: silenceState(s, now) });

/** Which silences mute a label set, for one moment. */
export type SilencedBy = (labels: Labels) => string[];

export class Silences {
  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
  ) {}

  list(): Silence[] {
    const now = this.clock.now();
    const order = { active: 0, pending: 1, expired: 2 } as const;
    return this.store
      .listSilences()
      .map((s) => withState(s, now))
      .sort((a, b) => order[a.state] - order[b.state] || b.endsAt - a.endsAt);
  }

  create(input: ParsedInput<'monitoring.silences.create'>, actor: string): Silence {
    compileMatchers(input.matchers); // refuses a bad name or regex with its own sentence
    if (matchesEverything(input.matchers)) {
      throw new OpsError(
        'bad_input',
        'Every matcher of this silence also matches an empty label, so it would silence every alert; add a matcher that names something, such as alertname="…".',
      );
    }
    const now = this.clock.now();
    // As Alertmanager: a start in the past means now.
    const startsAt = Math.max(input.startsAt ?? now, now);
    if (input.endsAt <= startsAt) {
      throw new OpsError(
        'bad_input',
        input.endsAt <= now
          ? 'The silence would end before now; choose an end time in the future.'
          : 'The silence must end after it starts; choose a later end time.',
        { startsAt, endsAt: input.endsAt },
      );
    }
    const s: StoredSilence = {
      id: randomUUID(),
      matchers: input.matchers,
      startsAt,
      endsAt: input.endsAt,
      comment: input.comment,
      createdBy: actor,
      createdAt: now,
    };
    this.store.insertSilence(s);
    return withState(s, now);
  }

  /** Ends a silence now; a silence that has not started yet ends before it begins. Expiring twice is harmless. */
  expire(id: string): Silence {
    const s = this.store.getSilence(id);
    if (!s) throw new OpsError('not_found', `There is no silence "${id}"; it may have been removed.`, { id });
    const now = this.clock.now();
    const state = silenceState(s, now);
    if (state === 'expired') return withState(s, now);
    const startsAt = state === 'pending' ? now : s.startsAt;
    this.store.setSilenceTimes(id, startsAt, now, now);
    return withState({ ...s, startsAt, endsAt: now }, now);
  }

  /** The silences active at `now`, compiled once for matching many alerts. */
  activeAt(now: number): SilencedBy {
    const active: { id: string; match: MatchFn }[] = [];
    for (const s of this.store.unexpiredSilences(now)) {
      if (silenceState(s, now) !== 'active') continue;
      try {
        active.push({ id: s.id, match: compileMatchers(s.matchers) });
      } catch {
        // Checked when created; a stored one that no longer compiles silences nothing.
      }
    }
    return (labels) => active.filter((s) => s.match(labels)).map((s) => s.id);
  }
}
