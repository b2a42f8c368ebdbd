// Run as a separate process by exit-hook.test.ts: starts lab pieces and exits
// without stopping them, to prove the 'exit' hook cleans up.
import { createNetnsPair, generateKeyPair, startAgent, startSshd } from '../../support/sshd-lab';

const key = generateKeyPair({ type: 'ed25519' });
const s = await startSshd({ authorizedKeys: [key.publicKey] });
const pair = createNetnsPair();
const inNs = await startSshd({ authorizedKeys: [key.publicKey], netns: pair.a.ns, listenAddress: pair.a.address });
const agent = await startAgent([key.path]);
process.stdout.write(
  JSON.stringify({ pids: [s.pid, inNs.pid, agent.pid], ns: [pair.a.ns, pair.b.ns], dir: s.dir }) + '\n',
);
process.exit(0);
