// The zoo: small programs written from real concurrency bugs, each with the
// fewest choices other than FIFO's that make it fail (found by exhaustive
// search; test/zoo/zoo.test.ts checks every one, and that exploring with the
// default settings finds it and shrinks it to at most one more).
//
//   npm run build && simloop explore dist/examples/zoo/idle-reaper.js
import type { ExploreOptions } from '../../src/explore/explore.js';
import type { Main } from '../../src/explore/subject.js';
import * as doubleCharge from './double-charge.js';
import * as duplicateDelivery from './duplicate-delivery.js';
import * as idleReaper from './idle-reaper.js';
import * as lazyInit from './lazy-init.js';
import * as leakedConnection from './leaked-connection.js';
import * as lostWakeup from './lost-wakeup.js';
import * as missedEvent from './missed-event.js';
import * as overdraft from './overdraft.js';
import * as staleCache from './stale-cache.js';
import * as stolenWakeup from './stolen-wakeup.js';
import * as timerStorm from './timer-storm.js';
import * as transferDeadlock from './transfer-deadlock.js';

/** A bug of the zoo: its program, what explore needs to see it fail, and its minimum. */
export interface ZooBug {
  readonly main: Main;
  readonly invariant?: () => boolean;
  readonly exploreOptions?: ExploreOptions;
  /** The fewest choices other than FIFO's (of every stream) with which it fails. */
  readonly minimumChoices: number;
}

/** Every bug of the zoo, by file name. */
export const ZOO: Readonly<Record<string, ZooBug>> = {
  overdraft,
  'lost-wakeup': lostWakeup,
  'leaked-connection': leakedConnection,
  'lazy-init': lazyInit,
  'idle-reaper': idleReaper,
  'timer-storm': timerStorm,
  'stale-cache': staleCache,
  'double-charge': doubleCharge,
  'transfer-deadlock': transferDeadlock,
  'stolen-wakeup': stolenWakeup,
  'missed-event': missedEvent,
  'duplicate-delivery': duplicateDelivery,
};
