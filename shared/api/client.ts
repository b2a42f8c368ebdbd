import type { CallInput, CallOutput, MethodName, TopicName, TopicPayload } from './index';
import { OpsError } from './errors';
import type { Bridge } from './wire';

type InputArgs<M extends MethodName> = undefined extends CallInput<M> ? [input?: CallInput<M>] : [input: CallInput<M>];

export interface OpsClient {
  /** Calls a contract method; a failure is thrown as an OpsError with a readable message. */
  call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<CallOutput<M>>;
  /** Listens to a topic until the returned function is called. */
  on<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void;
}

/** The typed client, derived from the contract, over any bridge (IPC or WebSocket). */
export function createClient(bridge: Bridge): OpsClient {
  return {
    async call(method, ...args) {
      const res = await bridge.call(method, args[0]);
      if (!res.ok) throw OpsError.from(res.error);
      return res.result as never;
    },
    on(topic, listener) {
      return bridge.subscribe(topic, listener as (p: unknown) => void);
    },
  };
}
