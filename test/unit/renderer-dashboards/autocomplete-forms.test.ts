import { describe, expect, it } from 'vitest';
import { datasourceInput } from '../../../shared/api/monitoring-query';
import {
  applyCompletion,
  completionContext,
  rankCandidates,
  type CompletionContext,
} from '../../../renderer/views/dashboards/autocomplete';
import {
  emptyForm,
  formFromDatasource,
  formProblems,
  inputFromForm,
} from '../../../renderer/views/dashboards/datasources/datasource-form';
import { panelProblem, sortedThresholds } from '../../../renderer/views/dashboards/panel-check';
import { newPanel } from '../../../renderer/views/dashboards/grid';
import { settingsProblem } from '../../../renderer/views/dashboards/DashboardSettings';

/** The context at the `|` in `text`. */
const at = (text: string) => completionContext(text.replace('|', ''), text.indexOf('|'));

describe('expression completion', () => {
  it('knows what is being typed: a metric, a label name, a label value', () => {
    expect(at('node_cp|')).toEqual({ kind: 'metric', prefix: 'node_cp', start: 0 });
    expect(at('rate(node_cp|')).toMatchObject({ kind: 'metric', prefix: 'node_cp', start: 5 });
    expect(at('node_cpu_seconds_total{mo|')).toMatchObject({
      kind: 'label-name',
      prefix: 'mo',
      metric: 'node_cpu_seconds_total',
      inSelector: true,
    });
    expect(at('up{job="x", |')).toMatchObject({ kind: 'label-name', prefix: '', metric: 'up' });
    expect(at('up{job=~"nod|')).toMatchObject({ kind: 'label-value', label: 'job', prefix: 'nod', metric: 'up' });
    expect(at('{instance!="a,b}|')).toMatchObject({ kind: 'label-value', label: 'instance', prefix: 'a,b}' });
    expect(at('sum by (mo|')).toMatchObject({ kind: 'label-name', prefix: 'mo', inSelector: false });
    // Not completed: variables, durations, numbers, finished strings.
    expect(at('up{ci="$host_i|')).toMatchObject({ kind: 'label-value' });
    expect(at('rate(x[$__rate|')).toBeNull();
    expect(at('rate(x[5|')).toBeNull();
    expect(at('x * 1e|')).toBeNull();
    expect(at('up{job="a"}|')).toBeNull();
    expect(at('$ho|')).toBeNull();
  });

  it('applies a choice where it was typed, quoting values and closing the quote', () => {
    const apply = (text: string, value: string) => {
      const ctx = at(text) as CompletionContext;
      return applyCompletion(text.replace('|', ''), text.indexOf('|'), ctx, value);
    };
    expect(apply('rate(node_cp|[1m])', 'node_cpu_seconds_total')).toEqual({
      expr: 'rate(node_cpu_seconds_total[1m])',
      cursor: 27,
    });
    expect(apply('up{jo|}', 'job')).toEqual({ expr: 'up{job=""}', cursor: 8 });
    expect(apply('up{jo|="x"}', 'job')).toEqual({ expr: 'up{job="x"}', cursor: 6 });
    expect(apply('up{job="no|', 'node "a"')).toEqual({ expr: 'up{job="node \\"a\\""', cursor: 19 });
    expect(apply('up{job="no|de"}', 'prom')).toEqual({ expr: 'up{job="prom"}', cursor: 13 });
    expect(apply('sum by (mo|)', 'mode')).toEqual({ expr: 'sum by (mode)', cursor: 12 });
  });

  it('ranks names starting with the prefix first, then those containing it', () => {
    expect(rankCandidates(['node_load1', 'up', 'go_load', 'node_cpu'], 'load')).toEqual(['go_load', 'node_load1']);
    expect(rankCandidates(['b', 'a', 'ab'], 'a')).toEqual(['a', 'ab']);
    expect(rankCandidates(['x', 'y'], '', 1)).toEqual(['x']);
  });
});

describe('datasource form', () => {
  it('points at each missing or wrong field before anything is sent', () => {
    const f = { ...emptyForm(), name: ' ', url: 'ftp://x', authKind: 'basic' as const, caPem: 'hello', timeoutSec: 0 };
    expect(Object.keys(formProblems(f)).sort()).toEqual(['caPem', 'name', 'secretId', 'timeoutSec', 'url', 'username']);
    expect(formProblems({ ...emptyForm(), name: 'p', url: 'http://u:p@127.0.0.1:9090' }).url).toMatch(/vault/);
    expect(formProblems({ ...emptyForm(), name: 'p' })).toEqual({});
  });

  it('becomes the contract’s input, and a saved datasource becomes the form again', () => {
    const f = {
      ...emptyForm(true),
      name: ' lab ',
      url: 'https://127.0.0.1:9090/prom ',
      authKind: 'basic' as const,
      username: 'ops',
      secretId: 's1',
      caPem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n',
      tunnelVia: { id: 'ci-1', name: 'bastion', type: 'host' },
      timeoutSec: 12.5,
    };
    const input = inputFromForm(f);
    expect(datasourceInput.parse(input)).toEqual({
      name: 'lab',
      url: 'https://127.0.0.1:9090/prom',
      auth: { kind: 'basic', username: 'ops', secretId: 's1' },
      caPem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----',
      tunnelVia: 'ci-1',
      timeoutMs: 12_500,
      isDefault: true,
    });
    const saved = {
      ...datasourceInput.parse(input),
      id: 'd1',
      kind: 'prometheus' as const,
      createdAt: 1,
      updatedAt: 2,
    };
    const back = formFromDatasource(saved, { id: 'ci-1', name: 'bastion', type: 'host' });
    expect(inputFromForm(back)).toEqual({ ...input, id: 'd1' });
    expect(inputFromForm({ ...back, authKind: 'none' }).auth).toEqual({ kind: 'none' });
  });
});

describe('panel and settings checks', () => {
  it('refuses what the person got wrong, with the field in the sentence', () => {
    const p = newPanel([]);
    expect(panelProblem(p)).toBeNull();
    expect(panelProblem({ ...p, minInterval: '15 sec' })).toMatch(/Min interval "15 sec" is not a duration/);
    expect(panelProblem({ ...p, min: 10, max: 5 })).toMatch(/Min \(10\) must be below max \(5\)/);
    expect(panelProblem({ ...p, thresholds: [{ value: 1, color: 'Red!' }] })).toMatch(/"Red!" is not a colour/);
    expect(panelProblem({ ...p, title: 'x'.repeat(201) })).toMatch(/^title:/);
    expect(
      sortedThresholds([
        { value: 90, color: 'red' },
        { value: 80, color: 'orange' },
      ]).map((t) => t.value),
    ).toEqual([80, 90]);
    const base = { title: 'T', description: '', tags: [], source: null, variables: [] };
    expect(settingsProblem(base)).toBeNull();
    expect(settingsProblem({ ...base, title: ' ' })).toMatch(/title/);
    const v = { name: 'host', label: '', kind: 'ci' as const, ciType: 'host', options: [], current: '' };
    expect(settingsProblem({ ...base, variables: [v, v] })).toMatch(/declared twice/);
    expect(settingsProblem({ ...base, variables: [{ ...v, name: '1x' }] })).toMatch(/not a variable name/);
  });
});
