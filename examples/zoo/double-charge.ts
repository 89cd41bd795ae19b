// A timeout race: a client gives the payment service 100 ms; when the time is
// up it sends a cancellation and retries. The service charges the card unless
// a cancellation has arrived; a cold start makes its first charge take
// exactly 100 ms. The client's timeout and the service's timer tie, and the
// loop does not promise which goes first: when the charge goes through just
// before the cancellation, the retry charges again and the customer pays
// twice. (Retries without idempotency keys.)
//
//   simloop explore dist/examples/zoo/double-charge.js
import { createTask, Future, sleep, TimeoutError, waitFor } from '../../src/index.js';

export const payments = { charged: new Map<string, number>(), cancelled: new Set<string>() };

/** The payment service: charges after 100 ms unless the attempt was cancelled, then replies. */
function* service(order: string, attempt: string, reply: Future<string>, delayMs: number) {
  yield* sleep(delayMs); // the card network
  if (payments.cancelled.has(attempt)) return;
  payments.charged.set(order, (payments.charged.get(order) ?? 0) + 1);
  if (!reply.done()) reply.setResult('ok');
}

function* checkout(order: string, startMs: number) {
  yield* sleep(startMs);
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = `${order}-${attempt}`;
    const reply = new Future<string>();
    createTask(service(order, id, reply, attempt === 0 ? 100 : 50), { name: `service-${id}` });
    try {
      return yield* waitFor(reply, 100);
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      payments.cancelled.add(id); // the bug: the charge may already have gone through; retrying charges again
    }
  }
  throw new Error(`${order}: payment timed out three times`);
}

export function* main() {
  payments.charged = new Map();
  payments.cancelled = new Set();
  const orders = ['a', 'b', 'c', 'd'].map((order, i) => createTask(checkout(order, i * 30), { name: `checkout-${order}` }));
  for (const order of orders) {
    try {
      yield* order;
    } catch (error) {
      if (!(error instanceof Error && /timed out/.test(error.message))) throw error; // a failed checkout is reported to the customer
    }
  }
  for (const [order, charges] of payments.charged) if (charges > 1) throw new Error(`order ${order} was charged ${charges} times`);
}

export const minimumChoices = 1;
