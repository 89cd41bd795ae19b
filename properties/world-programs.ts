// Random programs on the simulated world, for its properties: two to four
// hosts, each running a script of sends, calls, receives, sleeps and draws;
// a test script that crashes, restarts, pauses, resumes and partitions them;
// and random faults from the swarm when the run explores. Everything a host
// does goes into one log in order, beside the world's events, so a property
// can check what ran after what.
import fc from 'fast-check';
import { CancelledError, createWorld, getRunningLoop, sleep, type HostContext, type Operation, type World, type WorldEvent } from '../src/index.js';
import type { Monitor } from '../src/loop/monitor.js';

export type Step =
  | { readonly kind: 'send'; readonly to: number; readonly port: boolean }
  | { readonly kind: 'call'; readonly to: number; readonly timeoutMs: number }
  | { readonly kind: 'receive'; readonly timeoutMs: number; readonly port: boolean }
  | { readonly kind: 'sleep'; readonly ms: number }
  | { readonly kind: 'draw' };

export type TestAction = 'crash' | 'restart' | 'pause' | 'resume' | 'partition' | 'oneWay' | 'repair' | 'hold';

export interface WorldProgram {
  readonly scripts: readonly (readonly Step[])[];
  readonly test: readonly { readonly afterMs: number; readonly action: TestAction; readonly host: number; readonly other: number }[];
  /** Random faults from the swarm (when exploring), or none at all. */
  readonly swarm: boolean;
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('send' as const), to: fc.nat(3), port: fc.boolean() }),
  fc.record({ kind: fc.constant('call' as const), to: fc.nat(3), timeoutMs: fc.integer({ min: 5, max: 60 }) }),
  fc.record({ kind: fc.constant('receive' as const), timeoutMs: fc.integer({ min: 1, max: 40 }), port: fc.boolean() }),
  fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('draw' as const) }),
);

export const worldProgram: fc.Arbitrary<WorldProgram> = fc.integer({ min: 2, max: 4 }).chain((hosts) =>
  fc.record({
    scripts: fc.array(fc.array(step, { minLength: 1, maxLength: 8 }), { minLength: hosts, maxLength: hosts }),
    test: fc.array(
      fc.record({
        afterMs: fc.integer({ min: 0, max: 40 }),
        action: fc.constantFrom<TestAction>('crash', 'restart', 'pause', 'resume', 'partition', 'oneWay', 'repair', 'hold'),
        host: fc.nat(hosts - 1),
        other: fc.nat(hosts - 1),
      }),
      { maxLength: 6 },
    ),
    swarm: fc.boolean(),
  }),
);

/** What one run of a program did: the hosts' log and the world's events, in one order, and any broken rule. */
export interface Observed {
  readonly log: string[];
  readonly violations: string[];
  world: World | null;
}

/** The canonical message of number `n`: what every receiver must get, whatever its sender did to it after sending. */
function messageOf(n: number, from: string) {
  return { n, from, body: [n, n * 2, { square: n * n }] };
}

function sameAsSent(message: unknown): boolean {
  const { n, from } = message as { n: number; from: string };
  return JSON.stringify(message) === JSON.stringify(messageOf(n, from));
}

/** The program as a main: each host runs its script twice, then serves; the test's actions happen at their times. */
export function mainOf(program: WorldProgram, observed: Observed): () => Operation<void> {
  const names = program.scripts.map((_, index) => `h${index}`);
  const nameOf = (index: number): string => names[index % names.length] as string;
  return function* main() {
    observed.log.length = 0;
    observed.violations.length = 0;
    const world = createWorld(program.swarm ? { maxHostsDown: 1 } : { lossProbability: 0, duplicateProbability: 0, partitionProbability: 0, clogProbability: 0, crashProbability: 0, pauseProbability: 0, clockJumpProbability: 0, latencyMeanMs: 0, clockDriftMaxPpm: 0 });
    observed.world = world;
    program.scripts.forEach((script, index) => {
      world.host(nameOf(index), function* (host: HostContext) {
        const label = host.incarnation === 1 ? host.name : `${host.name}#${host.incarnation}`;
        const note = (what: string): void => void observed.log.push(`${getRunningLoop().time()} ${label}: ${what}`);
        host.serve(function* (request: unknown) {
          if (!sameAsSent(request)) observed.violations.push(`${label} was called with a changed message ${JSON.stringify(request)}`);
          note(`answers ${(request as { n: number }).n}`);
          return request;
        });
        let sent = 0;
        for (let round = 0; round < 2; round++) {
          for (const action of script) yield* perform(host, action, nameOf, () => ++sent * 10 + index, note, observed, label);
        }
        for (;;) {
          const { message, from } = yield* host.receive();
          if (!sameAsSent(message)) observed.violations.push(`${label} received a changed message ${JSON.stringify(message)}`);
          note(`got ${(message as { n: number }).n} from ${from}`);
        }
      });
    });
    for (const { afterMs, action, host, other } of program.test) {
      yield* sleep(afterMs);
      act(world, action, nameOf(host), nameOf(other));
    }
    yield* sleep(100);
  };
}

function* perform(
  host: HostContext,
  action: Step,
  nameOf: (index: number) => string,
  nextNumber: () => number,
  note: (what: string) => void,
  observed: Observed,
  label: string,
): Operation<void> {
  switch (action.kind) {
    case 'send': {
      const message = messageOf(nextNumber(), host.name);
      host.send(nameOf(action.to), message, action.port ? { port: 'side' } : {});
      // The sender keeps and changes its object: the receiver's copy must not change.
      message.body.push(-1);
      (message.body[2] as { square: number }).square = -1;
      note(`sent ${message.n} to ${nameOf(action.to)}`);
      return;
    }
    case 'call': {
      const request = messageOf(nextNumber(), host.name);
      try {
        const response = yield* host.call(nameOf(action.to), request, { timeoutMs: action.timeoutMs });
        if (!sameAsSent(response)) observed.violations.push(`${label} got a changed response ${JSON.stringify(response)}`);
        note(`call ${request.n} answered`);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        note(`call ${request.n}: ${(error as Error).name}`);
      }
      return;
    }
    case 'receive':
      try {
        const { message, from } = yield* host.receive({ timeoutMs: action.timeoutMs, ...(action.port ? { port: 'side' } : {}) });
        if (!sameAsSent(message)) observed.violations.push(`${label} received a changed message ${JSON.stringify(message)}`);
        note(`got ${(message as { n: number }).n} from ${from}`);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        note(`receive: ${(error as Error).name}`);
      }
      return;
    case 'sleep':
      yield* sleep(action.ms);
      return;
    case 'draw':
      note(`drew ${host.random().toFixed(6)} at ${host.clock.now()}`);
      return;
  }
}

/** One action of the test, skipped when it would be refused (crashing a host that is down, say). */
function act(world: World, action: TestAction, name: string, other: string): void {
  const host = world.hosts().find((each) => each.name === name)!;
  switch (action) {
    case 'crash':
      if (host.state !== 'down') world.crash(name);
      return;
    case 'restart':
      world.restart(name);
      return;
    case 'pause':
      if (host.state === 'up') world.pause(name);
      return;
    case 'resume':
      if (host.state === 'paused') world.resume(name);
      return;
    case 'partition':
      if (name !== other) world.partition([[name], [other]]);
      return;
    case 'oneWay':
      world.partitionOneWay(name, other);
      return;
    case 'repair':
      world.repair();
      return;
    case 'hold':
      if (name !== other) {
        world.hold(name, other);
        world.release(name, other);
      }
      return;
  }
}

/**
 * Watches a run for the world's rules: no message reaches a host that is
 * down or across a cut link, and no code of an incarnation runs after its
 * crash (its steps and timers, and what it logs). World events go into the
 * program's log, so the log holds both in the order they happened.
 */
export function watcher(observed: Observed, inner: Monitor | null = null): Monitor {
  const crashed = new Set<string>();
  return {
    ...forward(inner),
    worldEvent(event: WorldEvent) {
      inner?.worldEvent?.(event);
      const world = observed.world!;
      observed.log.push(`${getRunningLoop().time()} world: ${event.action} ${event.host ?? ''} ${event.detail}`);
      if (event.action === 'crash' && event.host !== null) crashed.add(event.host);
      if (event.action === 'deliver') {
        const to = world.hosts().find((host) => host.name === event.to)!;
        if (to.state === 'down') observed.violations.push(`a message reached ${event.to} while it was down: ${event.detail}`);
        if (event.from !== event.to && !world.connected(event.from!, event.to!)) observed.violations.push(`a message crossed a partition: ${event.detail}`);
      }
    },
    taskStepped(task, outcome) {
      inner?.taskStepped?.(task, outcome);
      if (task.owner !== null && crashed.has(task.owner.name)) observed.violations.push(`${task.owner.name}/${task.getName()} stepped after its host crashed`);
    },
    timerFired(timer) {
      inner?.timerFired?.(timer);
      const owner = getRunningLoop().currentOwner();
      if (owner !== null && crashed.has(owner.name)) observed.violations.push(`a timer of ${owner.name} fired after its host crashed`);
    },
  };
}

function forward(inner: Monitor | null): Monitor {
  if (inner === null) return {};
  return {
    taskCreated: (task) => inner.taskCreated?.(task),
    cancelRequested: (task, message) => inner.cancelRequested?.(task, message),
    cancelDelivered: (task, error) => inner.cancelDelivered?.(task, error),
    taskDone: (task) => inner.taskDone?.(task),
  };
}

/** Whether the log shows an incarnation doing something after the world logged its crash. */
export function codeAfterCrash(log: readonly string[]): string | null {
  const crashedAt = new Map<string, number>();
  log.forEach((line, index) => {
    const match = / world: crash (\S+) /.exec(line);
    if (match !== null) crashedAt.set(match[1] as string, index);
  });
  for (const [label, index] of crashedAt) {
    const after = log.slice(index + 1).find((line) => line.split(' ')[1] === `${label}:`);
    if (after !== undefined) return `${label} crashed, then: ${after}`;
  }
  return null;
}

/**
 * The first message a host got out of the order its sender sent it in, or
 * twice: only the network's faults (a slow or duplicated message) or a
 * sender's restart (its numbers start over) do that. Null when there is none.
 */
export function outOfOrder(log: readonly string[]): string | null {
  const last = new Map<string, number>();
  for (const line of log) {
    const match = /^\d+ (\S+): got (\d+) from (\S+)$/.exec(line);
    if (match === null) continue;
    const key = `${match[1]} from ${match[3]}`;
    const n = Number(match[2]);
    if ((last.get(key) ?? -1) >= n) return `${key}: ${n} after ${last.get(key)}`;
    last.set(key, n);
  }
  return null;
}
