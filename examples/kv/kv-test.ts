// The test of the service: three replicas and three clients, each on its own
// host; the clients work through a fault phase in which the world does its
// worst (every fault a recorded choice), then the world heals and every
// client must finish within a bound (the liveness phase). The clients'
// history is then checked for linearizability.
import { createWorld, getRunningLoop, HistoryRecorder, linearizabilityCheck, sleep, type Operation } from '../../src/index.js';
import { client, type Workload } from './client.js';
import { CLIENTS, FAULT_PHASE_MS, LIVENESS_WITHIN_MS, REPLICAS } from './config.js';
import { replica } from './replica/boot.js';
import { MemoryDisk } from './storage/memory-disk.js';
import { VARIANTS, type VariantName } from './variant.js';

/** A variant's test: `main` for explore and replay, and `check`, the linearizability of the run's history. */
export function kvTest(variant: VariantName) {
  let recorder: HistoryRecorder | undefined;
  function* main(): Operation<void> {
    const loop = getRunningLoop();
    const workload: Workload = { phase: 'faults', recorder: new HistoryRecorder('kv', () => loop.time()), finished: new Set() };
    recorder = workload.recorder;
    const world = createWorld();
    const disks = new Map<string, MemoryDisk>(REPLICAS.map((name) => [name, new MemoryDisk()]));
    for (const name of REPLICAS) world.host(name, replica(VARIANTS[variant].bugs, (host) => disks.get(host.name)!.mount(host)));
    for (const name of CLIENTS) world.host(name, client(workload), { protected: true });
    yield* sleep(FAULT_PHASE_MS);
    workload.phase = 'liveness';
    yield* world.liveness(() => workload.finished.size === CLIENTS.length, { withinMs: LIVENESS_WITHIN_MS });
  }
  return { main, check: linearizabilityCheck(() => recorder) };
}
