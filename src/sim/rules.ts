import type { Envelope, InFlight } from './envelope.js';

/**
 * What a network rule decides for a message (turmoil-net's RuleVerdict, plus
 * duplicate and hold): `pass` leaves it to the next rule and then to the
 * world's own faults; `drop` loses it; `hold` keeps it in flight until the
 * rule is removed; `duplicate` delivers it twice; `{ deliverAfterMs }`
 * delivers it after exactly that long, with no random fault.
 *
 * @example
 * const verdict: RuleVerdict = { deliverAfterMs: 250 };
 */
export type RuleVerdict = 'pass' | 'drop' | 'hold' | 'duplicate' | { readonly deliverAfterMs: number };

/**
 * A targeted fault for a test: called for every message between two hosts
 * (not a host's messages to itself), in the order rules were installed; the
 * first verdict that is not `pass` decides.
 *
 * @example
 * const rule: Rule = (envelope) => (envelope.from === 'r1' && envelope.to === 'r2' ? 'drop' : 'pass');
 */
export type Rule = (envelope: Envelope) => RuleVerdict;

/**
 * What installing a rule returns: `remove()` uninstalls it and delivers the
 * messages it held, in order. Removing twice does nothing.
 *
 * @example
 * const handle = world.rule(() => 'hold');
 * yield* sleep(500);
 * handle.remove(); // everything sent meanwhile arrives now
 */
export interface RuleHandle {
  remove(): void;
}

/** An installed rule and what it holds. */
export class RuleEntry {
  readonly held: InFlight[] = [];
  removed = false;

  constructor(
    readonly rule: Rule,
    /** Its position among the rules installed in this world, from 1, for error messages. */
    readonly number: number,
  ) {}
}

/** The rules of a world, in install order. */
export class RuleChain {
  private entries: RuleEntry[] = [];
  private installed = 0;

  get empty(): boolean {
    return this.entries.length === 0;
  }

  install(rule: Rule, release: (held: readonly InFlight[]) => void): RuleHandle {
    if (typeof rule !== 'function') throw new TypeError(`world.rule(rule): rule must be a function (envelope) => verdict, got ${typeof rule}`);
    const entry = new RuleEntry(rule, ++this.installed);
    this.entries = [...this.entries, entry];
    return {
      remove: () => {
        if (entry.removed) return;
        entry.removed = true;
        this.entries = this.entries.filter((each) => each !== entry);
        release(entry.held.splice(0));
      },
    };
  }

  /** The first verdict that is not `pass`, with the rule that gave it; `pass` with null when every rule passes. */
  judge(envelope: Envelope): { verdict: RuleVerdict; entry: RuleEntry | null } {
    // The list is replaced, never changed in place, so a rule that installs or removes rules does not disturb this loop.
    for (const entry of this.entries) {
      const verdict = checkVerdict(entry.rule(envelope), entry.number);
      if (verdict !== 'pass') return { verdict, entry };
    }
    return { verdict: 'pass', entry: null };
  }

  /** Every rule's held messages, taken out (the world heals). */
  takeAllHeld(): InFlight[] {
    return this.entries.flatMap((entry) => entry.held.splice(0));
  }
}

function checkVerdict(verdict: unknown, number: number): RuleVerdict {
  if (verdict === 'pass' || verdict === 'drop' || verdict === 'hold' || verdict === 'duplicate') return verdict;
  if (typeof verdict === 'object' && verdict !== null && 'deliverAfterMs' in verdict) {
    const delayMs = (verdict as { deliverAfterMs: unknown }).deliverAfterMs;
    if (typeof delayMs !== 'number' || !(delayMs >= 0) || !Number.isFinite(delayMs)) {
      throw new RangeError(`network rule ${number} returned { deliverAfterMs: ${String(delayMs)} }: a latency must be a finite number of milliseconds ≥ 0`);
    }
    return verdict as RuleVerdict;
  }
  const shown = typeof verdict === 'string' ? JSON.stringify(verdict) : String(verdict);
  throw new TypeError(`network rule ${number} returned ${shown}: a rule returns 'pass', 'drop', 'hold', 'duplicate' or { deliverAfterMs }`);
}
