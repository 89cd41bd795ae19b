import { describe, expect, it } from 'vitest';
import { createTask, createWorld, run, sleep, TimeoutError, type HostContext } from '../../src/index.js';
import { QUIET } from './helpers.js';
import type { InFlight } from '../../src/sim/envelope.js';
import { Mailbox } from '../../src/sim/mailbox.js';

/** Host a runs `body` while host b sends `messages` to it at t=1 (they arrive at t=2). */
function receiving(body: (host: HostContext, log: string[]) => Generator<unknown, void, unknown>, messages: string[]) {
  const log: string[] = [];
  run(
    (function* () {
      const world = createWorld(QUIET);
      world.host('a', (host: HostContext) => body(host, log) as never);
      world.host('b', function* (host: HostContext) {
        yield* sleep(1);
        for (const message of messages) host.send('a', message);
      });
      yield* sleep(50);
    })(),
  );
  return log;
}

describe('a mailbox never loses a message to a receive that gives up', () => {
  it('a receive cancelled while it waits leaves the line: the message goes to the next receive', () => {
    const log = receiving(function* (host, log) {
      const first = createTask(host.receive<string>(), { name: 'first' });
      const second = createTask(host.receive<string>(), { name: 'second' });
      yield* sleep(0);
      first.cancel();
      log.push(`second got ${(yield* second).message}`);
      log.push(`first ${first.cancelled() ? 'cancelled' : 'not cancelled'}`);
    }, ['one']);
    expect(log).toEqual(['second got one', 'first cancelled']);
  });

  it('a receive handed a message and cancelled before it resumed puts the message back, for the next receive', () => {
    const log: string[] = [];
    run(
      (function* () {
        const mailbox = new Mailbox<InFlight>('receive on test');
        const message = (text: string) => ({ message: text }) as unknown as InFlight;
        const first = createTask(mailbox.get(), { name: 'first' });
        yield* sleep(0);
        // In one step: the message is handed to `first`, which is then cancelled before it can resume.
        mailbox.put(message('one'));
        mailbox.put(message('two'));
        first.cancel();
        try {
          yield* first;
        } catch (error) {
          log.push(`first: ${(error as Error).name}`);
        }
        log.push(`then ${(yield* mailbox.get()).message}, then ${(yield* mailbox.get()).message}, ${mailbox.size} left`);
      })(),
    );
    expect(log).toEqual(['first: CancelledError', 'then one, then two, 0 left']);
  });

  it('a receive that timed out leaves the line, and what arrives later waits for the next receive', () => {
    const log = receiving(function* (host, log) {
      try {
        yield* host.receive({ timeoutMs: 1 });
      } catch (error) {
        log.push(`${(error as Error).name}: ${(error as TimeoutError).message}`);
      }
      yield* sleep(10);
      log.push(`later got ${(yield* host.receive<string>()).message}`);
    }, ['one']);
    expect(log).toEqual(['TimeoutError: a received nothing on port default within 1 ms', 'later got one']);
  });
});
