// A toy simulated world on the kernel's seams (owners, world choices, world
// events), standing in for src/sim until it lands: a client host c1 pings two
// replicas r1 and r2 through a network that may drop a message; r2 may crash
// (and restart as r2#2); the network is partitioned for a while; a BUGGIFY
// site fires and r1's clock jumps. It fails when a ping is never answered.
import { createTask, getRunningLoop, Owner, sleep, Task, type Loop, type Operation } from '../../../src/index.js';
import type { WorldEvent } from '../../../src/loop/monitor.js';

interface Net {
  readonly loop: Loop;
  readonly inbox: Map<string, string[]>;
  nextId: number;
}

function emit(loop: Loop, event: WorldEvent): void {
  loop.monitor?.worldEvent?.(event);
}

/** Sends `body` from host `from` to host `to`: delivered 3 ms later into its inbox, unless the net stream drops it. */
function send(net: Net, from: string, to: string, body: string): void {
  const id = net.nextId++;
  const detail = `#${id} ${from} -> ${to} ${body}`;
  emit(net.loop, { action: 'send', host: from, detail, fault: false, id, from, to });
  if ((net.loop.policy.chooseWorld?.('net', 'drop', 2, [0.8, 0.2]) ?? 0) === 1) {
    emit(net.loop, { action: 'drop', host: null, detail: `${detail} (loss)`, fault: true, id, from, to });
    return;
  }
  net.loop.callLater(3, () => {
    net.inbox.get(to.replace(/#\d+$/, ''))?.push(body);
    emit(net.loop, { action: 'deliver', host: to, detail, fault: false, id, from, to });
  });
}

function* server(net: Net, name: string, host: string): Operation<void> {
  for (;;) {
    yield* sleep(2);
    for (const body of net.inbox.get(name)?.splice(0) ?? []) send(net, host, 'c1', body.replace('ping', `pong from ${name}`));
  }
}

function* client(net: Net): Operation<number> {
  for (let round = 0; round < 3; round++) {
    send(net, 'c1', 'r1', `ping ${round}`);
    send(net, 'c1', 'r2', `ping ${round}`);
    yield* sleep(10);
  }
  yield* sleep(10);
  return net.inbox.get('c1')?.length ?? 0;
}

function onHost(loop: Loop, owner: Owner, name: string, body: Operation<unknown>): Task<unknown> {
  return loop.withOwner(owner, () => new Task(body, { loop, name }));
}

export function* toyWorld(): Operation<void> {
  const loop = getRunningLoop();
  const net: Net = { loop, inbox: new Map([['c1', []], ['r1', []], ['r2', []]]), nextId: 1 };
  const [c1, r1, r2] = ['c1', 'r1', 'r2'].map((name) => new Owner(name, loop)) as [Owner, Owner, Owner];
  onHost(loop, r1, 'server', server(net, 'r1', 'r1'));
  onHost(loop, r2, 'server', server(net, 'r2', 'r2'));
  const answers = onHost(loop, c1, 'client', client(net)) as Task<number>;
  loop.callLater(12, () => emit(loop, { action: 'partition', host: null, detail: 'r2 | c1, r1', fault: true }));
  loop.callLater(14, () => emit(loop, { action: 'buggify', host: 'r1', detail: 'server.slowReply', fault: true }));
  loop.callLater(15, () => {
    if ((loop.policy.chooseWorld?.('crash', 'crash', 2, [0.7, 0.3]) ?? 0) === 0) return;
    loop.abandon(r2);
    emit(loop, { action: 'crash', host: 'r2', detail: 'power cut', fault: true });
  });
  loop.callLater(18, () => emit(loop, { action: 'clock-jump', host: 'r1', detail: '+5 ms', fault: true }));
  loop.callLater(22, () => emit(loop, { action: 'repair', host: null, detail: 'r2 | c1, r1', fault: false }));
  loop.callLater(25, () => {
    if (r2.state !== 'abandoned') return;
    const again = new Owner('r2#2', loop);
    emit(loop, { action: 'restart', host: 'r2#2', detail: 'incarnation 2', fault: false });
    onHost(loop, again, 'server', server(net, 'r2', 'r2#2'));
  });
  const watcher = createTask(
    (function* () {
      yield* sleep(1);
      return 'watching';
    })(),
    { name: 'watcher' },
  );
  yield* watcher;
  const received = yield* answers;
  if (received < 6) throw new Error(`only ${received} of 6 pongs came back`);
}
