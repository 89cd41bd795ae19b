// The test: a world with the leader, two followers and a client; the client
// makes its increments under whatever faults the run draws; then the world
// heals and every follower must agree with the leader within a second.
//
//   npm run example:counter          (finds the bug, shrinks it, replays it; then checks the fix)
//   simloop explore dist/examples/replicated-counter/buggy.js --runs 2000
import { createWorld, type Operation } from '../../src/index.js';
import { client, FOLLOWERS, follower, LEADER, leader, replicas, type Variant } from './service.js';

/** How many increments the client makes in a run. */
export const INCREMENTS = 5;

/** The run: main of an exploration, one world per run. */
export function counterTest(variant: Variant) {
  return function* main(): Operation<void> {
    replicas.clear();
    const world = createWorld({ maxHostsDown: 1 });
    // The leader holds the only copy that is never lost; without a disk (the storage issue) its crash would lose
    // acknowledged increments by design, so random faults leave it, and the client, alone.
    world.host(LEADER, leader, { protected: true });
    for (const name of FOLLOWERS) world.host(name, follower(variant));
    const user = world.host('client', client(INCREMENTS), { protected: true });
    yield* user.task!;
    yield* world.liveness(() => followersAgree(), { withinMs: 1_000 });
  };
}

/** Every follower's current incarnation serves reads and holds the leader's value. */
function followersAgree(): boolean {
  const leaderValue = replicas.get(LEADER)?.state.value;
  return FOLLOWERS.every((name) => {
    const incarnations = [...replicas.keys()].filter((key) => key === name || key.startsWith(`${name}#`));
    const current = replicas.get(incarnations[incarnations.length - 1] ?? name);
    return current !== undefined && current.ready && current.state.value === leaderValue;
  });
}
