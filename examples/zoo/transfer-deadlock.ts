// A deadlock from lock order: a transfer locks the source account, then the
// destination. Two transfers in opposite directions that each hold their
// first lock while waiting for the second wait for each other forever. Under
// FIFO the second transfer starts after the first has both locks. (Lock
// ordering, the oldest deadlock there is.)
//
//   simloop explore dist/examples/zoo/transfer-deadlock.js
import { createTask, Lock, sleep } from '../../src/index.js';

export const bank = { locks: new Map<string, Lock>(), balances: new Map<string, number>() };

function* transfer(from: string, to: string, amount: number, startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  const first = bank.locks.get(from) as Lock;
  const second = bank.locks.get(to) as Lock;
  yield* first.acquire();
  try {
    yield* sleep(0); // read the source balance
    yield* second.acquire(); // the bug: locks in argument order, not a global order
    try {
      bank.balances.set(from, (bank.balances.get(from) ?? 0) - amount);
      bank.balances.set(to, (bank.balances.get(to) ?? 0) + amount);
      yield* sleep(0); // write the journal
    } finally {
      second.release();
    }
  } finally {
    first.release();
  }
}

export function* main() {
  bank.locks = new Map(['alice', 'bob', 'carol'].map((name) => [name, new Lock()]));
  bank.balances = new Map([['alice', 100], ['bob', 100], ['carol', 100]]);
  const transfers = [
    createTask(transfer('alice', 'bob', 10, 0), { name: 'alice->bob' }),
    createTask(transfer('carol', 'alice', 5, 0), { name: 'carol->alice' }),
    createTask(transfer('bob', 'alice', 20, 1), { name: 'bob->alice' }),
    createTask(transfer('bob', 'carol', 1, 6), { name: 'bob->carol' }),
  ];
  for (const task of transfers) yield* task;
}

export const minimumChoices = 1;
