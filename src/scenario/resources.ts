import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  LifoQueue,
  Lock,
  PriorityQueue,
  Queue,
  Semaphore,
} from '../sync/index.js';
import type { ResourceSpec, Scenario, Value } from './types.js';

/** The synchronisation object a resource declaration stands for. */
export function makeResource(spec: ResourceSpec): unknown {
  switch (spec.kind) {
    case 'event':
      return new Event();
    case 'lock':
      return new Lock();
    case 'condition':
      return new Condition();
    case 'semaphore':
      return new Semaphore(spec.value);
    case 'bounded_semaphore':
      return new BoundedSemaphore(spec.value);
    case 'barrier':
      return new Barrier(spec.parties);
    case 'queue':
      return new Queue<Value>(spec.maxsize);
    case 'priority_queue':
      return new PriorityQueue<Value>(spec.maxsize);
    case 'lifo_queue':
      return new LifoQueue<Value>(spec.maxsize);
  }
}

/** Every declared resource, by name, made fresh for one run. */
export function makeResources(scenario: Scenario): Map<string, unknown> {
  return new Map(Object.entries(scenario.resources).map(([name, spec]) => [name, makeResource(spec)]));
}
