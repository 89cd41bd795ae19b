// A duplicated message applied twice: a sender streams increments to a
// counter service over a network that may duplicate a message; the service
// deduplicates by remembering only the last sequence number it applied. A
// duplicate that arrives right after its original is caught, but one that
// arrives after a later message has overtaken it is applied twice. It takes
// a fault of the network and a reordering of the deliveries together. (At-
// least-once delivery with a one-entry dedup window.)
//
// The network here is a toy on explore's choice seam (its `net` stream), as a
// simulated world would draw its faults: choice 0 delivers once, 1 delivers
// twice. The odds of a duplicate are a swarm parameter of the run.
//
//   simloop explore dist/examples/zoo/duplicate-delivery.js
import { createTask, getRunningLoop, sleep } from '../../src/index.js';

export const counter = { value: 0, lastApplied: -1 };

function* deliver(sequence: number, delayMs: number) {
  yield* sleep(delayMs);
  yield* sleep(0); // the service parses the message
  if (sequence === counter.lastApplied) return; // the bug: remembers only the last sequence number
  counter.lastApplied = sequence;
  counter.value += 1;
}

function* send(sequence: number) {
  const loop = getRunningLoop();
  const duplicateOdds = loop.policy.drawSwarm?.('duplicate', 0, 0.3) ?? 0;
  const duplicated = (loop.policy.chooseWorld?.('net', 'duplicate', 2, [1 - duplicateOdds, duplicateOdds]) ?? 0) === 1;
  loop.monitor?.worldEvent?.({ action: duplicated ? 'duplicate' : 'send', host: null, detail: `increment #${sequence}`, fault: duplicated, id: sequence, from: 'client', to: 'counter' });
  const copies = [createTask(deliver(sequence, 5), { name: `deliver-${sequence}` })];
  if (duplicated) copies.push(createTask(deliver(sequence, 5), { name: `deliver-${sequence}-copy` }));
  for (const copy of copies) yield* copy;
}

export function* main() {
  counter.value = 0;
  counter.lastApplied = -1;
  const senders = Array.from({ length: 6 }, (_, sequence) => createTask(send(sequence), { name: `send-${sequence}` }));
  for (const sender of senders) yield* sender;
  if (counter.value !== senders.length) throw new Error(`the counter is ${counter.value} after ${senders.length} increments`);
}

export const minimumChoices = 2;
