/**
 * The search for a linearization of one part of a history: Wing and Gong's
 * algorithm with Lowe's memoisation, as Porcupine runs it, on an explicit
 * stack (no recursion, whatever the history's length).
 *
 * The entry list holds every operation not yet linearized, calls and returns
 * in time order. Any call before the list's first return may come next: its
 * operation did not start after one that still has to be linearized
 * returned. The search tries those calls in list order; a legal step whose
 * (linearized set, state) is new is taken (pushed), and reaching a return
 * means nothing taken from here can be linearized before it: a dead end, so
 * the last step is undone (popped) and the next call after it tried.
 *
 * An operation whose outcome is unknown (info, never completed) has a call
 * and no return: it may be taken at any point after its call, or never. So
 * the search succeeds once every `ok` operation is linearized; a step of an
 * unknown operation that leaves the state as it was is skipped, since
 * taking it is the same as leaving it out.
 *
 * A read-only `ok` operation (the model's `readOnly`: a read) is taken as soon
 * as it is legal and never tried later (see `push`): it changes no state, so
 * coming earlier can only help the operations after it.
 *
 * A search is resumable: `run` stops when its step allowance or the deadline
 * is reached and goes on from there when called again.
 */
import { END, EntryList, HEAD } from './entry-list.js';
import { LinearizedSet } from './linearized-set.js';
import type { FullModel } from './model.js';
import { nowMs } from './clock.js';
import { StateCache, type MemoryBudget } from './state-cache.js';
import type { PartFailure } from './result.js';
import { TriedOrders } from './tried-orders.js';

/** One operation of the part, numbered in invocation order. */
export interface SearchOperation<Input, Output> {
  readonly input: Input;
  /** The output an `ok` operation returned; undefined when the outcome is unknown. */
  readonly output: Output | undefined;
  readonly invokeTime: number;
  /** When an `ok` operation returned; undefined when the outcome is unknown. */
  readonly returnTime: number | undefined;
}

/** How a run of the search ended: a verdict, or which budget stopped it. */
export type SearchOutcome = 'linearizable' | 'not linearizable' | 'maxStates' | 'timeMs' | 'memory';

const DEADLINE_CHECK_MASK = 1023; // look at the clock every 1,024 steps
/** What backtrack returns when the initial state itself is refuted. */
const REFUTED = -2;

export class LinearizationSearch<State, Input, Output> {
  /** Model steps taken so far: the states explored. */
  steps = 0;
  /** Dead ends met: the orders tried that could not be completed. */
  deadEnds = 0;
  private outcome: SearchOutcome | undefined;
  private readonly list: EntryList;
  private readonly set: LinearizedSet;
  /** Made at the first run and dropped at the verdict, so undecided parts waiting their turn hold no memory. */
  private cache: StateCache<State> | undefined;
  private readonly stackOperations: Int32Array;
  private readonly stackStates: State[] = [];
  /** Whether each stack step was forced (push). */
  private readonly forced: Uint8Array;
  private depth = 0;
  private entry: number;
  private state: State;
  private okLeft = 0;
  private best: { state: State; blocked: number; candidates: number[] } | undefined;
  private readonly bestOperations: number[] = [];
  private readonly bestStates: State[] = [];
  private readonly tried = new TriedOrders<State>();
  /** The lowest depth the stack has had since the best prefix was copied; below it the copy is still current. */
  private lowWater = 0;

  constructor(
    private readonly model: FullModel<State, Input, Output>,
    private readonly operations: readonly SearchOperation<Input, Output>[],
    private readonly budget: MemoryBudget,
  ) {
    this.list = new EntryList(operations);
    this.set = new LinearizedSet(operations.length);
    this.stackOperations = new Int32Array(operations.length);
    this.forced = new Uint8Array(operations.length);
    for (const operation of operations) if (operation.returnTime !== undefined) this.okLeft++;
    this.entry = this.list.next[HEAD]!;
    this.state = model.init();
    if (this.okLeft === 0) this.finish('linearizable');
  }

  /** A whole linearization (operations and the state after each), once the verdict is linearizable. */
  linearization(): { operations: number[]; states: State[] } {
    if (this.outcome !== 'linearizable') throw new Error('linearization(): the search has not found one');
    const states: State[] = [];
    for (let i = 0; i < this.depth; i++) states.push(this.stateAfter(i, this.state));
    return { operations: Array.from(this.stackOperations.subarray(0, this.depth)), states };
  }

  /** The longest prefix linearized and where it got stuck (in this part's numbering); undefined before the first dead end. */
  longestPrefix(): PartFailure<State> | undefined {
    if (this.best === undefined) return undefined;
    return { prefix: this.bestOperations.slice(), states: this.bestStates.slice(), ...this.best, tried: this.tried.list() };
  }

  /** Searches on for at most `maxSteps` more model steps, or until `deadlineMs` (nowMs()). */
  run(maxSteps: number, deadlineMs: number): SearchOutcome {
    if (this.outcome !== undefined) return this.outcome;
    const { model, operations, list, set } = this;
    const { next, code } = list;
    const stepLimit = this.steps + maxSteps;
    const cache = (this.cache ??= new StateCache(model.equal, this.budget));
    let entry = this.entry;
    for (;;) {
      if (entry === END) throw new Error('invariant: the search passed every return with ok operations left');
      const op = code[entry]!;
      if (op < 0) {
        // A return: nothing after it can come before its operation, and its operation could not come next.
        this.deadEnd(~op, entry);
        entry = this.backtrack();
        if (entry === REFUTED) return this.finish('not linearizable');
        continue;
      }
      if (this.steps >= stepLimit || ((this.steps & DEADLINE_CHECK_MASK) === 0 && nowMs() > deadlineMs)) {
        this.entry = entry;
        return this.steps >= stepLimit ? 'maxStates' : 'timeMs';
      }
      this.steps++;
      const operation = operations[op]!;
      const state = this.state;
      const result = model.step(state, operation.input, operation.output);
      const known = operation.returnTime !== undefined;
      // An unknown operation that changes nothing is the same as one left out.
      if (!result.ok || (!known && model.equal(result.state, state))) {
        entry = next[entry]!;
        continue;
      }
      const forced = known && model.readOnly(operation.input);
      if (forced && !model.equal(result.state, state)) throw new Error(`the model says ${model.describeOperation(operation.input, operation.output)} is read-only, but its step changed the state`);
      set.add(op);
      if (cache.add(set, result.state, model.hash(result.state))) {
        this.push(op, result.state, forced);
        if (known && --this.okLeft === 0) return this.finish('linearizable');
        if (cache.overBudget()) return this.finish('memory');
        entry = next[HEAD]!;
        continue;
      }
      set.remove(op);
      // A read-only operation legal now may as well come now (see push); where it leads was
      // already refuted, so this state is too.
      entry = forced ? this.backtrack() : next[entry]!;
      if (entry === REFUTED) return this.finish('not linearizable');
    }
  }

  /**
   * Linearizes `op` next. A read-only ok operation (a read) is forced: where it is legal,
   * taking it now is never worse than taking it later (it changes no state wherever it is
   * legal, and coming earlier only frees the operations after it), so if the search fails
   * from here, nothing else is tried from here.
   */
  private push(op: number, state: State, forced: boolean): void {
    this.stackOperations[this.depth] = op;
    this.forced[this.depth] = forced ? 1 : 0;
    this.stackStates[this.depth++] = this.state;
    this.state = state;
    this.list.lift(op);
  }

  /** Undoes the last step (and the step before a forced one); returns the entry to go on from, or REFUTED at the root. */
  private backtrack(): number {
    for (;;) {
      if (this.depth === 0) return REFUTED;
      const undone = this.stackOperations[--this.depth]!;
      this.state = this.stackStates[this.depth]!;
      this.set.remove(undone);
      this.list.unlift(undone);
      if (this.operations[undone]!.returnTime !== undefined) this.okLeft++;
      if (this.depth < this.lowWater) this.lowWater = this.depth;
      if (this.forced[this.depth] === 0) return this.list.next[this.list.callEntry[undone]!]!;
    }
  }

  /** Records a dead end; the deepest one is the longest prefix (the first of that depth, in search order). */
  private deadEnd(blocked: number, returnEntry: number): void {
    const state = this.state;
    this.deadEnds++;
    this.tried.offer(this.stackOperations, this.depth, state, blocked);
    if (this.best !== undefined && this.depth <= this.bestOperations.length) return;
    // Copy only what changed since the last copy: everything below lowWater is unchanged.
    this.bestOperations.length = this.lowWater;
    this.bestStates.length = this.lowWater;
    for (let i = this.lowWater; i < this.depth; i++) {
      this.bestOperations.push(this.stackOperations[i]!);
      this.bestStates.push(this.stateAfter(i, state));
    }
    this.lowWater = this.depth;
    const candidates: number[] = [];
    for (let entry = this.list.next[HEAD]!; entry !== returnEntry; entry = this.list.next[entry]!) candidates.push(this.list.code[entry]!);
    this.best = { state, blocked, candidates };
  }

  /** The state after the stack's operation `i`; `current` is the state after the top one. */
  private stateAfter(i: number, current: State): State {
    return i + 1 < this.depth ? this.stackStates[i + 1]! : current;
  }

  private finish(outcome: SearchOutcome): SearchOutcome {
    this.outcome = outcome;
    this.cache?.release();
    this.cache = undefined;
    return outcome;
  }
}
