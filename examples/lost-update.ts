// A lost update: two tasks change one balance, and one of them reads it, waits,
// then writes back what it read plus its amount. Under asyncio's FIFO order the
// other task's write always lands after that write-back, so the FIFO run passes;
// in another order it lands in between and is overwritten.
//
//   npm run demo:tasks                (finds it, shrinks it, prints the report)
//   simloop explore dist/examples/lost-update.js --policy pct
import { createTask, sleep } from '../src/index.js';

/** The shared state. main resets it, since every explored run starts afresh. */
export const account = { balance: 0 };

/** Reads the balance, records the deposit in a ledger (one trip to the loop), writes the sum back. */
function* deposit(amount: number) {
  const balance = account.balance;
  yield* sleep(0); // await ledger.append(...): other tasks run here
  account.balance = balance + amount; // the bug: writes back a balance that may be stale
}

/** Arrives a moment later and adds its amount in one step, which is safe by itself. */
function* payroll(amount: number) {
  yield* sleep(0);
  account.balance += amount;
}

export function* main() {
  account.balance = 100;
  const tasks = [createTask(deposit(50), { name: 'deposit' }), createTask(payroll(1000), { name: 'payroll' })];
  for (const task of tasks) yield* task;
  if (account.balance !== 1150) throw new Error(`lost update: the balance is ${account.balance}, expected 1150`);
}

/** Never negative, whatever the order: holds, and is checked after every step. */
export function invariant(): boolean {
  return account.balance >= 0;
}
