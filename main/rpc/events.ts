import type { TopicName, TopicPayload } from '../../shared/api';

type Listener = (payload: unknown) => void;

/**
 * The main process's one event bus. Services publish typed payloads; each
 * transport subscribes per topic and forwards to its client.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    const set = this.listeners.get(topic);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch {
        // A broken subscriber (e.g. a closed socket) must not stop the others.
      }
    }
  }

  subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    const l = listener as Listener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  listenerCount(topic: TopicName): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
