import type { z } from 'zod';
import type { Job } from '../../../shared/api/jobs';
import type { sshApi, sshTopics } from '../../../shared/api/ssh';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { JobContext } from '../../jobs/runner';
import type { Db } from '../../store/migration';
import type { SshPool, TargetResolver } from '../types';
import type { BatchCmdb } from './targets';

/** The ssh.* calls' parsed inputs and outputs, straight from the contract (not yet in shared/api/index.ts). */
export type SshMethod = keyof typeof sshApi;
export type SshInput<M extends SshMethod> = z.output<(typeof sshApi)[M]['input']>;
export type SshOutput<M extends SshMethod> = z.output<(typeof sshApi)[M]['output']>;

export type BatchTopic = 'ssh.batch.host' | 'ssh.batch.output' | 'ssh.batch.updated';
export type BatchPayload<T extends BatchTopic> = z.output<(typeof sshTopics)[T]['payload']>;

/** The app's EventBus fits once sshTopics is part of shared/api's topics. */
export interface BatchBus {
  publish(topic: BatchTopic, payload: unknown): void;
}

export interface BatchAudit {
  append(e: {
    actor: string;
    action: string;
    target: string;
    outcome: 'ok' | 'error' | 'cancelled' | 'info';
    details?: Record<string, unknown>;
  }): unknown;
}

export interface BatchJobs {
  start<T>(spec: { kind: string; title: string; actor: string }, fn: (ctx: JobContext) => Promise<T>): Job;
  cancel(id: string): Job;
  get(id: string): Job;
  wait(id: string): Promise<Job>;
}

export interface BatchServiceOptions {
  pool: SshPool;
  resolver: TargetResolver;
  cmdb: BatchCmdb;
  jobs: BatchJobs;
  db: Db;
  clock: Clock;
  bus?: BatchBus;
  logger: Logger;
  audit: BatchAudit;
  settings: () => { confirmOver: number };
  /** bytes of stdout and of stderr kept per host; default 64 KiB */
  maxOutputBytes?: number;
}

/** Who asks, and the router's audit entry for the call (linked from the run's summary entry). */
export interface BatchCaller {
  actor: string;
  auditRef?: number;
}
