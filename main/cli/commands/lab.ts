import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startLab, LAB_MAX_HOSTS, type Lab } from '../../lab/lab';
import { LAB_DATASOURCE_NAME, LAB_INTERVAL_SEC, LAB_KEY_NAME, LAB_RULE_NAME, registerLab } from '../../lab/register';
import type { LabRegistration } from '../../lab/register';
import { userDataDir } from '../../paths';
import { passphraseEnv } from './vault/session';
import * as serve from './serve';
import { CliError, callOrThrow, noPositionals, out, parse, withApp, workspaceOption } from '../common';

export const help = `Usage: opsroom lab [--hosts N] [--workspace PATH] [--prometheus | --no-prometheus] [--serve]

Starts a small lab on this machine and registers it in a workspace, so every
view has something real to show: N sshd hosts on 127.0.0.1 (own ports and host
keys, one generated client key), node_exporter with a Prometheus scraping it
every 5 s, and a log file per host that gets a line every 5 s. Through the
same calls as the UI (audited as "lab") the workspace gets the vault with the
lab key, a host CI per sshd (tag "lab") with its host key trusted, the
Prometheus datasource (default), SSH metric collection and a file log source
on each host, and an example alert rule (load1 > 4 on the local series).
Runs until Ctrl-C, then stops everything and removes its temp files; the
workspace stays. Not yet: a borg repository (borgbackup is not installed on
these machines; the backups issue adds it to the lab).

  --hosts N         number of sshd hosts, 1 to ${LAB_MAX_HOSTS} (default 3)
  --workspace PATH  register in this workspace (default: a new demo workspace
                    under the data folder). An existing vault there is unlocked
                    with ${passphraseEnv}.
  --prometheus      start node_exporter and Prometheus (the default)
  --no-prometheus   SSH hosts only (quicker)
  --serve           also serve the UI on that workspace (as opsroom serve does)
The vault passphrase comes from ${passphraseEnv}; when unset, a new one is
generated and printed once. Needs openssh-server, prometheus and
prometheus-node-exporter; as root the hosts log in as the user "opsroomlab"
(created when missing), otherwise as you.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    hosts: { type: 'string' },
    prometheus: { type: 'boolean' },
    'no-prometheus': { type: 'boolean' },
    serve: { type: 'boolean' },
  });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'lab');
  const hosts = values.hosts === undefined ? 3 : Number(values.hosts);
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > LAB_MAX_HOSTS)
    throw new CliError(`--hosts must be a whole number from 1 to ${LAB_MAX_HOSTS}, not "${values.hosts}".`);
  if (values.prometheus && values['no-prometheus'])
    throw new CliError('--prometheus and --no-prometheus contradict each other; give one of them.');

  const workspacePath = values.workspace ? path.resolve(values.workspace) : newLabWorkspacePath();
  const envPassphrase = process.env[passphraseEnv];
  if (!envPassphrase && fs.existsSync(workspacePath)) await refuseLockedVault(workspacePath);
  const passphrase = envPassphrase || randomBytes(18).toString('base64url');

  const stopRequested = onStopSignal();
  let lab: Lab | undefined;
  try {
    out('Starting the lab…');
    lab = await startLab({ hosts, prometheus: !values['no-prometheus'] });
    if (stopRequested.fired) return 130;
    fs.mkdirSync(path.dirname(workspacePath), { recursive: true });
    // A new default workspace is a demo one: the lab hosts join a populated CMDB.
    const demo = !values.workspace;
    if (values.serve) {
      // The served app is the one that registered the lab, so its vault is
      // already unlocked and the collector and log pulls start at once.
      const app = serve.createServeApp(workspacePath, demo);
      let registration: LabRegistration;
      try {
        registration = await registerLab(app, lab, { passphrase });
      } catch (e) {
        await app.close();
        throw e;
      }
      printSummary(lab, registration, workspacePath, envPassphrase ? null : passphrase, true);
      return await serve.serveApp(app, { host: '127.0.0.1', port: 0, until: stopRequested.promise });
    }
    const registration = await withApp({ workspacePath, demo }, (app) => registerLab(app, lab!, { passphrase }));
    printSummary(lab, registration, workspacePath, envPassphrase ? null : passphrase, false);
    if (stopRequested.fired) return 130;
    out('The lab runs until Ctrl-C.');
    await stopRequested.promise;
    return 0;
  } finally {
    out('Stopping the lab…');
    await lab?.stop();
    stopRequested.dispose();
  }
}

export const labCommand = { help, run };

function newLabWorkspacePath(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(userDataDir(), 'labs', `lab-${stamp}.sqlite`);
}

/** An existing vault cannot be opened with a passphrase made up now: say so before starting anything. */
async function refuseLockedVault(workspacePath: string): Promise<void> {
  const status = (await withApp({ workspacePath }, (app) => callOrThrow(app, 'vault.status'))) as {
    initialized: boolean;
  };
  if (status.initialized)
    throw new CliError(
      `${workspacePath} already has a vault; set ${passphraseEnv} to its passphrase, or leave --workspace out for a new lab workspace.`,
    );
}

/**
 * Ctrl-C and SIGTERM end the lab instead of killing the process outright: a
 * process killed by a signal runs no exit hook, and its sshd would live on.
 */
function onStopSignal(): { promise: Promise<void>; readonly fired: boolean; dispose(): void } {
  let fired = false;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const handler = () => {
    // A second signal while stopping: exit now; the exit hook still kills what the lab started.
    if (fired) process.exit(130);
    fired = true;
    resolve();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    promise,
    get fired() {
      return fired;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

function printSummary(
  lab: Lab,
  r: LabRegistration,
  workspacePath: string,
  generatedPassphrase: string | null,
  serving: boolean,
): void {
  const pad = (s: string) => s.padEnd(15);
  out(`Opsroom lab is up; the workspace stays after Ctrl-C.`);
  out(`${pad('workspace')}${workspacePath}`);
  if (generatedPassphrase)
    out(`${pad('passphrase')}${generatedPassphrase}   (generated for this vault and shown only now; note it)`);
  for (const [i, h] of r.hosts.entries())
    out(`${pad(i === 0 ? 'hosts' : '')}${h.name}  ssh -p ${h.port} ${h.user}@${h.address}  host key ${h.fingerprint}`);
  out(`${pad('client key')}${lab.ssh.key.path}   (in the vault as "${LAB_KEY_NAME}")`);
  if (lab.prometheus) {
    out(`${pad('prometheus')}${lab.prometheus.promUrl}   (datasource "${LAB_DATASOURCE_NAME}", the default)`);
    out(`${pad('node_exporter')}${lab.prometheus.nodeExporterUrl}/metrics`);
  } else out(`${pad('prometheus')}not started (--no-prometheus)`);
  out(`${pad('collector')}SSH metrics from every lab host every ${LAB_INTERVAL_SEC} s`);
  out(`${pad('logs')}${[...lab.logs.files.values()].join(', ')}   (a line every 5 s, pulled as file log sources)`);
  out(`${pad('alert rule')}"${LAB_RULE_NAME}" on the local series`);
  out(`${pad('borg')}not started: borgbackup is not installed here yet`);
  if (!serving)
    out(`Open it with: opsroom serve --workspace ${workspacePath}   (unlock the vault with the passphrase)`);
}
