import { z } from 'zod';
import { epochMs } from './common';
import { mutation, noInput, query, topic } from './define';

export const secretKinds = ['password', 'ssh-key', 'kubeconfig', 'token', 'generic'] as const;
export type SecretKind = (typeof secretKinds)[number];

/** A secret as the renderer may see it: metadata only, never the value. */
export const secretMeta = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(secretKinds),
  notes: z.string(),
  /** ssh-key: SHA256:… of the public key (as ssh-keygen -l shows it); null for other kinds */
  fingerprint: z.string().nullable(),
  /** ssh-key: the OpenSSH public key line (public by nature); null otherwise */
  publicKey: z.string().nullable(),
  /** ssh-key: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256 … */
  keyType: z.string().nullable(),
  /** ssh-key: whether the private key has its own passphrase (stored sealed too) */
  hasPassphrase: z.boolean(),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** the CIs whose connection uses this secret */
  usedBy: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SecretMeta = z.infer<typeof secretMeta>;

export const vaultStatus = z.object({
  initialized: z.boolean(),
  unlocked: z.boolean(),
  secrets: z.number().int(),
  /** when the vault will lock itself if nothing uses it; null when locked or auto-lock is off */
  autoLockAt: epochMs.nullable(),
  /** whether "remember unlock on this device" can work here, and why not */
  remember: z.object({ available: z.boolean(), reason: z.string(), remembered: z.boolean() }),
  kdf: z.object({ name: z.string(), params: z.record(z.string(), z.number()) }).nullable(),
  formatVersion: z.number().int().nullable(),
});
export type VaultStatus = z.infer<typeof vaultStatus>;

const passphrase = z
  .string()
  .min(10, 'a vault passphrase needs at least 10 characters')
  .max(1024, 'a vault passphrase is at most 1024 characters');
/** Secret values are capped so a pasted file cannot exhaust memory; 1 MiB holds any kubeconfig. */
const secretValue = z
  .string()
  .min(1, 'the secret is empty')
  .max(1024 * 1024, 'a secret is at most 1 MiB');
const secretName = z.string().trim().min(1, 'a secret needs a name').max(200);

export const vaultApi = {
  'vault.status': query({ summary: 'Whether the vault exists and is unlocked', input: noInput, output: vaultStatus }),
  'vault.init': mutation({
    summary: 'Create the vault with a master passphrase',
    input: z.object({ passphrase }).strict(),
    output: vaultStatus,
    sensitive: ['passphrase'],
    auditTarget: () => 'vault',
  }),
  'vault.unlock': mutation({
    summary: 'Unlock the vault with the master passphrase (optionally remembered on this device)',
    input: z.object({ passphrase: z.string().max(1024), remember: z.boolean().default(false) }).strict(),
    output: vaultStatus,
    sensitive: ['passphrase'],
    auditTarget: () => 'vault',
  }),
  'vault.unlockRemembered': mutation({
    summary: 'Unlock with the key remembered by this device (desktop only)',
    input: noInput,
    output: vaultStatus,
    auditTarget: () => 'vault',
  }),
  'vault.forget': mutation({
    summary: 'Forget the remembered unlock on this device',
    input: noInput,
    output: vaultStatus,
    auditTarget: () => 'vault',
  }),
  'vault.lock': mutation({
    summary: 'Lock the vault now',
    input: noInput,
    output: vaultStatus,
    auditTarget: () => 'vault',
  }),
  'vault.changePassphrase': mutation({
    summary: 'Change the master passphrase (re-wraps the data key only)',
    input: z.object({ current: z.string().max(1024), next: passphrase }).strict(),
    output: vaultStatus,
    sensitive: ['current', 'next'],
    auditTarget: () => 'vault',
  }),
  'vault.secrets.list': query({
    summary: 'Secrets as metadata (never their values); works while locked',
    input: z
      .object({ kind: z.enum(secretKinds).optional() })
      .strict()
      .default({}),
    output: z.object({ secrets: z.array(secretMeta) }),
  }),
  'vault.secrets.create': mutation({
    summary: 'Seal a new secret',
    input: z
      .object({
        name: secretName,
        kind: z.enum(secretKinds),
        value: secretValue,
        /** ssh-key only: the private key's own passphrase */
        keyPassphrase: z.string().max(1024).optional(),
        notes: z.string().max(2000).default(''),
      })
      .strict(),
    output: secretMeta,
    sensitive: ['value', 'keyPassphrase'],
    auditTarget: (i) => i.name,
  }),
  'vault.secrets.importFile': mutation({
    summary: 'Seal a private key read from a file on this machine (e.g. an IdentityFile)',
    input: z
      .object({
        path: z.string().min(1).max(4096),
        name: secretName.optional(),
        keyPassphrase: z.string().max(1024).optional(),
      })
      .strict(),
    output: secretMeta,
    sensitive: ['keyPassphrase'],
    auditTarget: (i) => i.path,
  }),
  'vault.secrets.replace': mutation({
    summary: "Replace a secret's value, keeping its id and the CIs that use it",
    input: z
      .object({ id: z.string().min(1), value: secretValue, keyPassphrase: z.string().max(1024).optional() })
      .strict(),
    output: secretMeta,
    sensitive: ['value', 'keyPassphrase'],
  }),
  'vault.secrets.update': mutation({
    summary: 'Rename a secret or change its notes',
    input: z
      .object({ id: z.string().min(1), name: secretName.optional(), notes: z.string().max(2000).optional() })
      .strict(),
    output: secretMeta,
  }),
  'vault.secrets.delete': mutation({
    summary: 'Delete a secret; refused while CIs use it unless force is set (their credential is then cleared)',
    input: z.object({ id: z.string().min(1), force: z.boolean().default(false) }).strict(),
    output: z.object({ deleted: z.string(), detachedFrom: z.number().int() }),
  }),
  'vault.export': mutation({
    summary: 'Export every secret as one file encrypted with its own passphrase (to carry into an air-gapped room)',
    input: z.object({ exportPassphrase: passphrase }).strict(),
    /** content is ciphertext (base64 of the export file), never plaintext */
    output: z.object({ fileName: z.string(), content: z.string(), secrets: z.number().int() }),
    sensitive: ['exportPassphrase'],
    auditTarget: () => 'vault',
  }),
  'vault.import': mutation({
    summary: 'Import secrets from an export file',
    input: z
      .object({
        content: z
          .string()
          .min(1)
          .max(64 * 1024 * 1024),
        exportPassphrase: z.string().max(1024),
        onConflict: z.enum(['skip', 'replace', 'keep-both']).default('skip'),
      })
      .strict(),
    output: z.object({ imported: z.number().int(), replaced: z.number().int(), skipped: z.number().int() }),
    sensitive: ['exportPassphrase', 'content'],
    auditTarget: () => 'vault',
  }),
};

export const vaultTopics = {
  'vault.status': topic({ summary: 'The vault locked, unlocked, or its secrets changed', payload: vaultStatus }),
};
