// The SSH lab: real OpenSSH servers, keys, agents, silent and closed ports,
// and network-namespace pairs for jump-host chains, all started by tests and
// all stopped by their handles or, failing that, at process exit.
//
// Needs root and the Debian packages openssh-server, openssh-client, iproute2.
// Logins go to the dedicated user `opsroomlab` (empty dotfiles), never root:
// root's ~/.bashrc may run `pyenv init`, which serialises concurrent logins.
// Each sshd: own sshd_config/HostKey/PidFile/authorized_keys in a temp dir,
// UsePAM no, StrictModes no, MaxStartups 200, MaxSessions 50, LogLevel VERBOSE
// (log(): the sshd log), sftp via internal-sftp. The servers, keys, user and
// registry are main/lab/ (shared with `opsroom lab`); these files re-export them.
export { ensureLabUser, LAB_USER, LAB_PASSWORD } from './sshd-user';
export { startSshd, readBanner, type SshdOptions, type LabSshd } from './sshd-server';
export { generateKeyPair, fingerprintOfFile, type LabKeyPair, type LabKeyType } from './sshd-keys';
export { startSilentServer, closedPort, freePort, startAgent, type SilentServer, type LabAgent } from './sshd-misc';
export { createNetnsPair, netnsAvailable, type NetnsPair, type NetnsHost } from './sshd-netns';
export { sshClientArgs, runSsh, writeKnownHosts } from './sshd-client';
