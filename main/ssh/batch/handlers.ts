import type { CallContext } from '../../rpc/router';
import type { BatchService } from './service';
import type { SshInput, SshMethod, SshOutput } from './types';

export type BatchMethod =
  | 'ssh.targets.preview'
  | 'ssh.batch.run'
  | 'ssh.files.push'
  | 'ssh.files.fetch'
  | 'ssh.batch.cancel'
  | 'ssh.batch.retry'
  | 'ssh.batch.list'
  | 'ssh.batch.get'
  | 'ssh.batch.export'
  | 'ssh.snippets.list'
  | 'ssh.snippets.save'
  | 'ssh.snippets.delete';

/**
 * Typed from shared/api/ssh.ts directly, so this compiles before sshApi is
 * spread into shared/api's `api`; once it is, the result is assignable to
 * Pick<Handlers, BatchMethod>.
 */
export type BatchHandlers = {
  [M in BatchMethod & SshMethod]: (input: SshInput<M>, ctx: CallContext) => SshOutput<M> | Promise<SshOutput<M>>;
};

/** The batch calls; the caller's actor and audit seq go to the run and its summary entry. */
export function batchHandlers(service: BatchService): BatchHandlers {
  const caller = (ctx: CallContext) => ({ actor: ctx.actor, auditRef: ctx.auditRef });
  return {
    'ssh.targets.preview': (i) => service.preview(i),
    'ssh.batch.run': (i, ctx) => service.run(i, caller(ctx)),
    'ssh.files.push': (i, ctx) => service.pushFile(i, caller(ctx)),
    'ssh.files.fetch': (i, ctx) => service.fetchFile(i, caller(ctx)),
    'ssh.batch.cancel': (i) => service.cancel(i),
    'ssh.batch.retry': (i, ctx) => service.retry(i, caller(ctx)),
    'ssh.batch.list': (i) => service.list(i),
    'ssh.batch.get': (i) => service.get(i),
    'ssh.batch.export': (i) => service.export(i),
    'ssh.snippets.list': () => ({ snippets: service.listSnippets() }),
    'ssh.snippets.save': (i) => service.saveSnippet(i),
    'ssh.snippets.delete': (i) => ({ removed: service.deleteSnippet(i.id) }),
  };
}
