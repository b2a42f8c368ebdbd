import { z } from 'zod';
import { OpsError } from '../../shared/api/errors';
import { secretKinds, type SecretKind } from '../../shared/api/vault';
import { checkKdfParams, deriveKey, newSalt, type KdfParams } from './kdf';
import { open, seal } from './seal';

/**
 * The export file: base64 of a small JSON header that says how to derive the
 * key (its own scrypt salt and params, independent of the vault's), followed
 * by AES-256-GCM over the JSON list of secrets. Nothing readable but the
 * header; the header itself is bound in as associated data.
 */
export const EXPORT_FORMAT = 'opsroom-vault-export';
export const EXPORT_VERSION = 1;

export interface ExportedSecret {
  id: string;
  name: string;
  kind: SecretKind;
  notes: string;
  value: string;
  keyPassphrase?: string;
  createdAt: number;
  updatedAt: number;
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const container = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  createdAt: z.number(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: b64 }),
  cipher: z.literal('aes-256-gcm'),
  nonce: b64,
  tag: b64,
  ciphertext: b64,
});
type Container = z.infer<typeof container>;

const payload = z.object({
  version: z.literal(EXPORT_VERSION),
  secrets: z.array(
    z.object({
      id: z.string().min(1).max(200),
      name: z.string().trim().min(1).max(200),
      kind: z.enum(secretKinds),
      notes: z.string().max(2000),
      value: z
        .string()
        .min(1)
        .max(1024 * 1024),
      keyPassphrase: z.string().max(1024).optional(),
      createdAt: z.number(),
      updatedAt: z.number(),
    }),
  ),
});

const aadOf = (c: Pick<Container, 'version' | 'kdf'>) =>
  `${EXPORT_FORMAT}|v${c.version}|scrypt|${c.kdf.N}|${c.kdf.r}|${c.kdf.p}|${c.kdf.salt}`;

const bad = (why: string) => new OpsError('bad_input', `This is not an Opsroom vault export file: ${why}.`);

/** Parses the outer container only: no key needed, typed errors for anything malformed. */
export function parseExportContainer(content: string): Container & { params: KdfParams } {
  const text = content.trim();
  if (!text || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) throw bad('it is not base64 text');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8'));
  } catch {
    throw bad('its content is not JSON');
  }
  if (json && typeof json === 'object' && 'format' in json && json.format === EXPORT_FORMAT) {
    const v = (json as { version?: unknown }).version;
    if (typeof v === 'number' && v > EXPORT_VERSION) {
      throw new OpsError(
        'too_new',
        `This export file has format version ${v}; this Opsroom reads up to ${EXPORT_VERSION}.`,
      );
    }
  }
  const parsed = container.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(`${issue?.path.join('.') || 'header'}: ${issue?.message ?? 'invalid'}`);
  }
  if (parsed.data.version !== EXPORT_VERSION) throw bad(`unknown version ${parsed.data.version}`);
  const params = checkKdfParams(parsed.data.kdf, 'export file');
  return { ...parsed.data, params };
}

export async function encodeExport(
  secrets: ExportedSecret[],
  passphrase: string,
  params: KdfParams,
  now: number,
): Promise<string> {
  const salt = newSalt();
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    createdAt: now,
    kdf: { name: 'scrypt' as const, ...params, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm' as const,
  };
  const key = await deriveKey(passphrase, salt, params);
  const plain = Buffer.from(JSON.stringify({ version: EXPORT_VERSION, secrets }), 'utf8');
  try {
    const box = seal(key, plain, aadOf(head));
    const file = {
      ...head,
      nonce: box.nonce.toString('base64'),
      tag: box.tag.toString('base64'),
      ciphertext: box.ciphertext.toString('base64'),
    };
    return Buffer.from(JSON.stringify(file), 'utf8').toString('base64');
  } finally {
    key.fill(0);
    plain.fill(0);
  }
}

/** Wrong passphrase and a damaged file are the same event to GCM; the message names both. */
export async function decodeExport(content: string, passphrase: string): Promise<ExportedSecret[]> {
  const c = parseExportContainer(content);
  const key = await deriveKey(passphrase, Buffer.from(c.kdf.salt, 'base64'), c.params);
  let plain: Buffer;
  try {
    plain = open(
      key,
      {
        nonce: Buffer.from(c.nonce, 'base64'),
        tag: Buffer.from(c.tag, 'base64'),
        ciphertext: Buffer.from(c.ciphertext, 'base64'),
      },
      aadOf(c),
      () => new OpsError('forbidden', 'wrong export passphrase (or the export file was altered)'),
    );
  } finally {
    key.fill(0);
  }
  try {
    const result = payload.safeParse(JSON.parse(plain.toString('utf8')));
    if (!result.success)
      throw new OpsError('integrity', 'The export file decrypted but its list of secrets is not valid.');
    return result.data.secrets;
  } catch (e) {
    if (e instanceof OpsError) throw e;
    throw new OpsError('integrity', 'The export file decrypted but its content is not JSON.');
  } finally {
    plain.fill(0);
  }
}
