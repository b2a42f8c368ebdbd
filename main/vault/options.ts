import type { SecretKind } from '../../shared/api/vault';
import type { Logger } from '../applog/types';
import type { AuditAppend } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { EventBus } from '../rpc/events';
import type { Db } from '../store/migration';
import type { KdfParams } from './kdf';
import type { Rememberer } from './rememberer';

export interface UsageContext {
  actor: string;
  requestId: string;
  auditRef?: number;
}

export interface VaultUsage {
  usedBy(secretIds: string[]): Map<string, { id: string; name: string }[]>;
  /** ctx: the deleting call's actor, request id and audit seq, for the CI history rows */
  detach(secretId: string, ctx?: UsageContext): number;
}

export interface VaultServiceOptions {
  db: Db;
  clock: Clock;
  bus?: EventBus;
  logger: Logger;
  autoLockMinutes: () => number;
  rememberer?: Rememberer;
  usage?: VaultUsage;
  kdfParams?: KdfParams;
  /** for the auto-lock entry, which no router call brackets */
  audit?: { append(e: AuditAppend): unknown };
  /** tests only: see the data key buffer so they can check that lock zeroes it */
  testHooks?: { onDataKey?(dek: Buffer): void };
}

export interface NewSecret {
  name: string;
  kind: SecretKind;
  value: string;
  keyPassphrase?: string;
  notes?: string;
}
