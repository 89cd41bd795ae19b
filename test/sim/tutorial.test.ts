// The tutorial of docs/simulation.md, as it reads there: what it says a run
// returns and what exploration finds.
import { describe, expect, it } from 'vitest';
import { createWorld, explore, formatReport, getRunningLoop, run, type HostContext } from '../../src/index.js';

function* server(host: HostContext) {
  const store = new Map<string, number>();
  host.serve(function* (request: { op: 'get' | 'put'; key: string; value?: number }) {
    if (request.op === 'put') store.set(request.key, request.value!);
    return store.get(request.key) ?? null;
  });
}

function* client(host: HostContext) {
  yield* host.call('server', { op: 'put', key: 'x', value: 1 }, { timeoutMs: 100 });
  return yield* host.call<number>('server', { op: 'get', key: 'x' }, { timeoutMs: 100 });
}

let endedAtMs = 0;
function* main() {
  const world = createWorld();
  world.host('server', server);
  const user = world.host('client', client, { protected: true });
  const value = yield* user.task!;
  endedAtMs = getRunningLoop().time();
  return value;
}

describe('the tutorial of docs/simulation.md', () => {
  it('step 1: a fault-free run returns 1 at virtual time 4 ms', () => {
    expect(run(main())).toBe(1);
    expect(endedAtMs).toBe(4);
  });

  it('step 2: exploration finds a call that times out and shrinks it to one fault', () => {
    const result = explore(main, { runs: 1_000 });
    const report = formatReport(result);
    // The lines docs/simulation.md shows.
    expect(report.slice(1, 2)).toEqual(['FAILED at run 2: main raised HostError: the boot task of client raised TimeoutError: call #2 from client to server got no response within 100 ms']);
    expect(report).toContain("  shrunk schedule:   1 choice, 1 not FIFO's, 1 of them the world's (net 1) (23 shrinking runs; no schedule with fewer fails the same way)");
    expect(report).toContain('  the shrunk run: main raised HostError: the boot task of client raised TimeoutError: call #1 from client to server got no response within 100 ms');
    expect(report).toContain('    t=0 world: partition {server} | {client} (random, for 100 ms) [fault]');
    expect(report).toContain('    t=0 world: drop #1 client -> server call #1 (partition) [fault]');
    expect(report.at(-1)).toBe('  replay in a test: replay(main, "v2;net=1")');
    expect(report[2]).toMatch(/^ {2}swarm: latencyMeanMs=11\.785, lossProbability=0\.167, /);
  });
});
