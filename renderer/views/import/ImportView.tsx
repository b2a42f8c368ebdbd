import { Alert, Button, Group, Stack, Stepper, Title } from '@mantine/core';
import { useState } from 'react';
import type { ImportFormat, ImportPreview } from '../../../shared/api/cmdb';
import type { CallInput, CallOutput } from '../../../shared/api/index';
import type { Job } from '../../../shared/api/jobs';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useJobs } from '../../shell/jobs-store';
import { requireUnlocked } from '../../shell/vault-require-unlocked';
import { useVault } from '../../shell/vault-store';
import { type Defaults, FileStep } from './FileStep';
import { guessFormat, stepsFor } from './format-guess';
import { initialMapping, type Mapping, mappingProblems } from './mapping-state';
import { MappingStep } from './MappingStep';
import { type ImportMode, PreviewStep } from './PreviewStep';
import { RunStep } from './RunStep';

interface Source {
  name: string;
  size: number;
  content: string;
}

const stepLabels = { file: 'File', mapping: 'Columns', preview: 'Preview', run: 'Import' } as const;
const noDefaults: Defaults = { environment: '', ownerTeam: '', status: null };

/** Choose a file → (CSV) map columns → preview with per-row errors → run as a job. */
export function ImportView() {
  const [source, setSource] = useState<Source | null>(null);
  const [reading, setReading] = useState(false);
  const [format, setFormat] = useState<ImportFormat | null>(null);
  const [defaults, setDefaults] = useState<Defaults>(noDefaults);
  const [inspect, setInspect] = useState<CallOutput<'cmdb.import.inspect'> | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [importKeys, setImportKeys] = useState<string[]>([]);
  const [started, setStarted] = useState<Job | null>(null);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useJobs((s) => (started ? s.byId[started.id] : undefined));
  const vaultUnlocked = useVault((s) => s.status?.unlocked ?? false);
  const steps = stepsFor(format);
  const step = steps[active] ?? 'file';

  const resetAfterFile = () => {
    setInspect(null);
    setPreview(null);
    setImportKeys([]);
    setError(null);
  };
  const onFile = async (f: File | null) => {
    if (!f) return;
    setReading(true);
    try {
      const content = await f.text();
      setSource({ name: f.name, size: f.size, content });
      setFormat(guessFormat(f.name));
      resetAfterFile();
    } catch (e) {
      setError(`Could not read ${f.name}: ${errorMessage(e)}`);
    } finally {
      setReading(false);
    }
  };

  const sourceInput = (): Omit<CallInput<'cmdb.import.run'>, 'mode'> => {
    const d: { environment?: string; ownerTeam?: string; status?: NonNullable<Defaults['status']> } = {};
    if (defaults.environment.trim()) d.environment = defaults.environment.trim();
    if (defaults.ownerTeam.trim()) d.ownerTeam = defaults.ownerTeam.trim();
    if (defaults.status) d.status = defaults.status;
    return {
      format: format!,
      content: source!.content,
      fileName: source!.name,
      options: { ...(format === 'csv' ? { mapping } : {}), defaults: d, importKeys },
    };
  };

  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const next = async () => {
    if (step === 'file') {
      if (format === 'csv') {
        const r = await run(() => client.call('cmdb.import.inspect', { content: source!.content }));
        if (!r) return;
        setInspect(r);
        setMapping(initialMapping(r.columns, r.suggested, r.targets));
        setActive(1);
        return;
      }
      const p = await run(() => client.call('cmdb.import.preview', sourceInput()));
      if (p) {
        setPreview(p);
        setActive(steps.indexOf('preview'));
      }
    } else if (step === 'mapping') {
      const p = await run(() => client.call('cmdb.import.preview', sourceInput()));
      if (p) {
        setPreview(p);
        setActive(steps.indexOf('preview'));
      }
    } else if (step === 'preview') {
      // Sealing IdentityFiles needs the vault: ask for the passphrase and retry if it is locked.
      const job = await run(() => requireUnlocked(() => client.call('cmdb.import.run', { ...sourceInput(), mode })));
      if (job) {
        setStarted(job);
        setActive(steps.indexOf('run'));
      }
    }
  };

  const startOver = () => {
    setSource(null);
    setFormat(null);
    setStarted(null);
    setMapping({});
    setMode('all-or-nothing');
    resetAfterFile();
    setActive(0);
  };

  const canNext =
    !busy &&
    !!source &&
    !!format &&
    (step !== 'mapping' || mappingProblems(mapping).length === 0) &&
    (step !== 'preview' || preview !== null);
  const job = live ?? started;

  return (
    <Stack data-testid="view-import" gap="md">
      <Title order={3}>Import</Title>
      <Stepper active={active} onStepClick={(i) => i < active && step !== 'run' && setActive(i)} size="sm">
        {steps.map((s) => (
          <Stepper.Step key={s} label={stepLabels[s]} />
        ))}
      </Stepper>
      {error && (
        <Alert color="red" data-testid="import-error" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {step === 'file' && (
        <FileStep
          file={source}
          format={format}
          defaults={defaults}
          reading={reading}
          onFile={(f) => void onFile(f)}
          onFormat={(f) => (setFormat(f), resetAfterFile())}
          onDefaults={setDefaults}
        />
      )}
      {step === 'mapping' && inspect && <MappingStep inspect={inspect} mapping={mapping} onMapping={setMapping} />}
      {step === 'preview' && preview && (
        <PreviewStep
          preview={preview}
          mode={mode}
          onMode={setMode}
          importKeys={importKeys}
          onImportKeys={setImportKeys}
          vaultUnlocked={vaultUnlocked}
        />
      )}
      {step === 'run' && job && <RunStep job={job} onAgain={startOver} />}
      {step !== 'run' && (
        <Group>
          {active > 0 && (
            <Button variant="default" onClick={() => setActive(active - 1)}>
              Back
            </Button>
          )}
          {step === 'preview' ? (
            <Button data-testid="import-run" loading={busy} disabled={!canNext} onClick={() => void next()}>
              {mode === 'skip-bad-rows' ? 'Import, skipping bad rows' : 'Import'}
            </Button>
          ) : (
            <Button data-testid="import-next" loading={busy} disabled={!canNext} onClick={() => void next()}>
              {step === 'file' && format === 'csv' ? 'Map columns' : 'Preview'}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
