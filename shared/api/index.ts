import type { z } from 'zod';
import { applogApi, applogTopics } from './applog';
import { auditApi, auditTopics } from './audit';
import { cmdbApi, cmdbTopics } from './cmdb';
import type { MethodDef, TopicDef } from './define';
import { jobsApi, jobsTopics } from './jobs';
import { monitoringApi, monitoringTopics } from './monitoring';
import { settingsApi } from './settings';
import { sshApi, sshTopics } from './ssh';
import { systemApi } from './system';
import { vaultApi, vaultTopics } from './vault';
import { workspaceApi, workspaceTopics } from './workspace';

/** Every call Opsroom answers. Add a domain by spreading its declarations here. */
export const api = {
  ...systemApi,
  ...workspaceApi,
  ...auditApi,
  ...jobsApi,
  ...settingsApi,
  ...applogApi,
  ...vaultApi,
  ...cmdbApi,
  ...sshApi,
  ...monitoringApi,
} satisfies Record<string, MethodDef>;

/** Every event stream, by topic. */
export const topics = {
  ...workspaceTopics,
  ...auditTopics,
  ...jobsTopics,
  ...applogTopics,
  ...vaultTopics,
  ...cmdbTopics,
  ...sshTopics,
  ...monitoringTopics,
} satisfies Record<string, TopicDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
/** What a caller may pass (before defaults and transforms). */
export type CallInput<M extends MethodName> = z.input<Api[M]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type CallOutput<M extends MethodName> = z.output<Api[M]['output']>;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicPayload<T extends TopicName> = z.output<Topics[T]['payload']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export function isTopicName(name: string): name is TopicName {
  return Object.prototype.hasOwnProperty.call(topics, name);
}

export { OpsError, isOpsError, rpcErrorSchema, errorCodes } from './errors';
export type { RpcError, ErrorCode } from './errors';
