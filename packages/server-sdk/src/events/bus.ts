import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { ConfigError } from '../errors.js';
import { latchEventTypes, type AnyLatchEvent, type LatchEvent, type LatchEventMap, type LatchEventType } from './types.js';

/** A function called with each event of the types it subscribed to; its result is not awaited. */
export type EventHandler<E> = (event: E) => void | Promise<void>;

/**
 * What services and features announce changes through: `emit` in the transaction of the change,
 * next to its audit record. Handlers hear of it once the transaction commits; durable sinks (the
 * webhook queue) write in the same transaction, so a rolled-back change announces nothing.
 */
export interface EventEmitter {
  /**
   * Announces a change made in `tx`; resolves to the event (with its id) once every durable sink
   * has written it in `tx`.
   * @example await services.events.emit(tx, 'api_key.revoked', { userId, apiKeyId, reason: 'revoked' });
   */
  emit<T extends LatchEventType>(tx: Storage, type: T, data: LatchEventMap[T]): Promise<LatchEvent<T>>;
}

/** `latch.events`: in-process subscriptions to the events of {@link LatchEventMap}. */
export interface LatchEvents {
  /**
   * Calls `handler` after each committed change of `type` (`'*'`: every type); returns the
   * function that unsubscribes. A handler that throws or rejects is logged (`event.handler_failed`)
   * and never affects the request or the other handlers. Handlers run in this process only, once
   * per event, with no retry: use webhooks for delivery that survives a crash.
   * @example const off = latch.events.on('session.revoked', (e) => cache.drop(e.data.sessionId));
   */
  on<T extends LatchEventType>(type: T, handler: EventHandler<LatchEvent<T>>): () => void;
  on(type: '*', handler: EventHandler<AnyLatchEvent>): () => void;
}

/** A durable destination of events, written in the transaction of the change (e.g. the webhook queue). */
export type EventSink = (tx: Storage, event: AnyLatchEvent) => Promise<void>;

/** The emitter and the subscriptions, as one object. */
export interface EventBus extends EventEmitter, LatchEvents {}

/** Options of {@link createEventBus}. */
export interface EventBusOptions {
  clock: Clock;
  logger: Logger;
  /** The durable sinks, read at each emit (features contribute theirs while being set up). */
  sinks?: () => readonly EventSink[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * The in-process event bus: ids and timestamps, durable sinks in the transaction, handlers after
 * the commit.
 * @example const bus = createEventBus({ clock, logger }); bus.on('*', (e) => console.log(e.type));
 */
export function createEventBus(options: EventBusOptions): EventBus {
  const { clock, logger } = options;
  const handlers = new Map<string, Set<{ handler: EventHandler<AnyLatchEvent> }>>();

  function dispatch(event: AnyLatchEvent): void {
    const entries = [...(handlers.get(event.type) ?? []), ...(handlers.get('*') ?? [])];
    for (const { handler } of entries) {
      const failed = (error: unknown) => logger.error({
        event: 'event.handler_failed', eventType: event.type, eventId: event.id, error: error instanceof Error ? error.message : String(error),
      }, 'an event handler failed');
      try {
        const result = handler(event);
        if (result && typeof (result as Promise<void>).then === 'function') (result as Promise<void>).then(undefined, failed);
      } catch (error) {
        failed(error);
      }
    }
  }

  return {
    async emit(tx, type, data) {
      // Frozen: every handler sees the event as it was emitted, whatever another one does with it.
      const event = deepFreeze({ id: randomUUID(), type, occurredAt: clock.now().toISOString(), data: structuredClone(data) }) as LatchEvent<typeof type>;
      for (const sink of options.sinks?.() ?? []) await sink(tx, event as AnyLatchEvent);
      tx.afterCommit(() => dispatch(event as AnyLatchEvent));
      return event;
    },
    on(type: string, handler: EventHandler<never>) {
      // A misspelt type would otherwise subscribe to nothing, silently.
      if (type !== '*' && !(latchEventTypes as readonly string[]).includes(type)) throw new ConfigError(`events.on: unknown event type "${type}"`);
      if (typeof handler !== 'function') throw new ConfigError('events.on: the handler must be a function');
      const entry = { handler: handler as EventHandler<AnyLatchEvent> };
      let set = handlers.get(type);
      if (!set) handlers.set(type, set = new Set());
      set.add(entry);
      return () => { set.delete(entry); };
    },
  };
}
