// Check-then-act: a teller checks the balance, awaits a fraud check (one trip
// to the loop), then debits what it checked for. Under asyncio's FIFO order
// each teller checks after the one before it has debited, so the FIFO run
// passes; one check that runs before the previous debit lets a third debit
// through on money for two, and the balance goes negative. (The bank-account race of every concurrency course;
// in the wild: inventory oversold, quotas exceeded, double-spent tokens.)
//
//   simloop explore dist/examples/zoo/overdraft.js
import { createTask, sleep } from '../../src/index.js';

/** The account; main resets it. */
export const account = { balance: 0 };

function* withdraw(amount: number, queuedBehind: number) {
  for (let i = 0; i < queuedBehind; i++) yield* sleep(0); // earlier customers in the queue
  if (account.balance >= amount) {
    yield* sleep(0); // await fraudCheck(): other tellers run here
    account.balance -= amount; // the bug: acts on a check that may be stale
  }
}

export function* main() {
  account.balance = 100;
  const tellers = Array.from({ length: 8 }, (_, i) => createTask(withdraw(40, i), { name: `teller-${i}` }));
  for (const teller of tellers) yield* teller;
}

/** The balance never goes negative. */
export function invariant(): boolean {
  return account.balance >= 0;
}

/** The fewest choices other than FIFO's that make it fail (exhaustive search; test/zoo checks it). */
export const minimumChoices = 1;
