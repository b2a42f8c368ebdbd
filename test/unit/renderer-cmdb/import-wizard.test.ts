import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/api/jobs';
import { guessFormat, stepsFor } from '../../../renderer/views/import/format-guess';
import { readImportResult } from '../../../renderer/views/import/import-result';
import {
  customFieldTarget,
  initialMapping,
  type Mapping,
  mappingProblems,
  setColumnTarget,
  targetOptions,
} from '../../../renderer/views/import/mapping-state';

describe('import format guess', () => {
  it('reads the extension or the well-known name', () => {
    expect(guessFormat('hosts.ini')).toBe('ansible-ini');
    expect(guessFormat('inventory.CFG')).toBe('ansible-ini');
    expect(guessFormat('prod.yml')).toBe('ansible-yaml');
    expect(guessFormat('x/y/site.yaml')).toBe('ansible-yaml');
    expect(guessFormat('config')).toBe('ssh-config');
    expect(guessFormat('C:\\Users\\me\\.ssh\\config')).toBe('ssh-config');
    expect(guessFormat('fleet.csv')).toBe('csv');
    expect(guessFormat('export.json')).toBe('json');
    expect(guessFormat('notes.txt')).toBeNull();
    expect(guessFormat('README')).toBeNull();
  });

  it('has a mapping step for CSV only', () => {
    expect(stepsFor('csv')).toEqual(['file', 'mapping', 'preview', 'run']);
    expect(stepsFor('ssh-config')).toEqual(['file', 'preview', 'run']);
    expect(stepsFor(null)).toEqual(['file', 'preview', 'run']);
  });
});

describe('CSV mapping state', () => {
  const targets = ['name', 'type', 'environment', 'tags', 'address', 'fields.rack'];
  it('starts from the suggestion and ignores the rest', () => {
    const m = initialMapping(
      ['host', 'env', 'x', 'rack'],
      { host: 'name', env: 'environment', x: 'nonsense', rack: 'fields.rack' },
      targets,
    );
    expect(m).toEqual({ host: 'name', env: 'environment', x: 'ignore', rack: 'fields.rack' });
    expect(mappingProblems(m)).toEqual([]);
  });

  it('lets one column feed each target, as the importer requires', () => {
    let m: Mapping = { a: 'name', b: 'ignore', c: 'tags', d: 'ignore' };
    m = setColumnTarget(m, 'b', 'name');
    expect(m).toEqual({ a: 'ignore', b: 'name', c: 'tags', d: 'ignore' });
    m = setColumnTarget(m, 'd', 'tags');
    expect(m).toEqual({ a: 'ignore', b: 'name', c: 'ignore', d: 'tags' });
    m = setColumnTarget(m, 'a', 'ignore');
    m = setColumnTarget(m, 'c', 'ignore');
    expect(m).toEqual({ a: 'ignore', b: 'name', c: 'ignore', d: 'tags' });
    expect(mappingProblems({ a: 'tags' })).toHaveLength(1);
  });

  it('accepts new custom fields and offers them as targets', () => {
    expect(customFieldTarget('rack')).toBe('fields.rack');
    expect(customFieldTarget('fields.u_pos')).toBe('fields.u_pos');
    expect(customFieldTarget('bad key')).toBeNull();
    expect(targetOptions(targets, { a: 'fields.owner_email' })).toEqual(['ignore', ...targets, 'fields.owner_email']);
  });
});

describe('import job result', () => {
  const job: Job = {
    id: 'j',
    kind: 'cmdb.import',
    title: 'Import',
    actor: 'me',
    state: 'running',
    progress: { done: 1, total: 2, message: '' },
    createdAt: 0,
    startedAt: 0,
    finishedAt: null,
  };
  it('reads the result only when it matches the contract', () => {
    expect(readImportResult(job)).toBeNull();
    const result = {
      created: 3,
      updated: 1,
      unchanged: 0,
      skipped: 2,
      relations: 4,
      keysImported: 0,
      errors: [{ line: 7, message: 'bad', name: null }],
    };
    expect(readImportResult({ ...job, state: 'succeeded', result })).toEqual(result);
    expect(readImportResult({ ...job, result: { created: 'x' } })).toBeNull();
  });
});
