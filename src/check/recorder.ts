/**
 * Recording a history as a system's clients see it: each call is an
 * `invoke`, then exactly one of `ok`, `fail` or `info` on the handle it
 * returns. Times come from a clock function (the loop's virtual time in a
 * simulation; the checker depends on no loop), made strictly increasing
 * (event-times.ts).
 *
 * Clients are logical: a client is named by the caller and gets a process id
 * from the recorder (its own number, if it is a free non-negative integer;
 * otherwise the next id above every one given). A client whose operation ended `info` (a timeout, a
 * crash) may still have it in flight, so, as Jepsen does, its next operation
 * gets a fresh process id: a client that retries keeps going, and every
 * process has at most one operation outstanding.
 */
import { EventTimes } from './event-times.js';
import type { History, HistoryEvent, HistoryFile, ModelName, OperationStatus, RegisterInput, Scalar } from './history.js';
import { HISTORY_FORMAT } from './history.js';
import type { Model } from './model.js';
import { registerInputProblem, shippedModel } from './register-model.js';
import { isScalar } from './scalar.js';
import { showValue } from './show.js';
import { OperationHandle } from './operation-handle.js';

export { OperationHandle } from './operation-handle.js';

interface RecordedOperation<Input, Output> {
  process: number;
  input: Input;
  status: OperationStatus;
  output?: Output;
  invokeTime: number;
  completeTime?: number;
}

interface RecordedEvent {
  readonly type: HistoryEvent['type'];
  readonly operation: number;
  readonly time: number;
}

/**
 * Records a history for `checkLinearizability`; for the `register` and `kv`
 * models it also serialises to the file format (`toJSON`). A user model's
 * history is checked in process.
 *
 * @example
 * const recorder = new HistoryRecorder('kv', () => loop.time());
 * const write = recorder.invoke('client-1', { f: 'write', key: 'x', value: 1 });
 * write.ok();
 * const read = recorder.invoke('client-2', { f: 'read', key: 'x' });
 * read.ok(1);
 * checkLinearizability(recorder.history, recorder.model).verdict; // 'linearizable'
 * JSON.stringify(recorder); // a simloop-history/1 file
 */
export class HistoryRecorder<State = Scalar, Input = RegisterInput, Output = Scalar> {
  /** The model the history is for; a shipped model's name resolves to its object. */
  readonly model: Model<State, Input, Output>;
  /** The shipped model's name, or undefined for a user model. */
  readonly modelName: ModelName | undefined;
  private readonly times: EventTimes;
  private readonly operations: RecordedOperation<Input, Output>[] = [];
  private readonly events: RecordedEvent[] = [];
  /** Each client's current process and its outstanding operation; a client whose last operation ended info has none. */
  private readonly clients = new Map<string | number, { process: number | undefined; outstanding: OperationHandle<Output> | undefined }>();
  /** Every process id given so far, and the next fresh one (above them all). */
  private readonly taken = new Set<number>();
  private nextFresh = 0;

  constructor(model: ModelName | Model<State, Input, Output>, clock: () => number) {
    const shipped = shippedModel(model);
    this.modelName = shipped?.name;
    this.model = (shipped?.model ?? model) as Model<State, Input, Output>;
    this.times = new EventTimes(clock);
  }

  /**
   * Records the call of an operation by `client`; complete it through the handle returned.
   * A user model's input is kept as given: do not change it afterwards.
   */
  invoke(client: string | number, input: Input): OperationHandle<Output> {
    if (this.modelName !== undefined) {
      const problem = registerInputProblem(input, this.modelName === 'kv');
      if (problem !== undefined) throw new TypeError(`HistoryRecorder.invoke: ${problem}`);
      input = copyRegisterInput(input as RegisterInput) as Input; // the caller may reuse its object
    }
    let state = this.clients.get(client);
    if (state === undefined) this.clients.set(client, (state = { process: undefined, outstanding: undefined }));
    if (state.outstanding !== undefined) {
      throw new Error(`HistoryRecorder.invoke: client ${showValue(client)} still has an operation outstanding; complete it (ok, fail or info) first`);
    }
    state.process ??= this.processFor(client);
    const index = this.operations.length;
    const time = this.times.next();
    this.operations.push({ process: state.process, input, status: 'info', invokeTime: time });
    this.events.push({ type: 'invoke', operation: index, time });
    const handle = new OperationHandle<Output>(state.process, (status, output) => this.complete(client, index, status, output));
    state.outstanding = handle;
    return handle;
  }

  /** A client numbered by a free non-negative integer keeps that number as its process; any other gets a fresh one. */
  private processFor(client: string | number): number {
    const own = typeof client === 'number' && Number.isSafeInteger(client) && client >= 0 && !this.taken.has(client);
    const process = own ? client : this.nextFresh;
    this.taken.add(process);
    this.nextFresh = Math.max(this.nextFresh, process + 1);
    return process;
  }

  /** The operations recorded so far, in invocation order (a copy). One still outstanding is `info` with no `completeTime`. */
  get history(): History<Input, Output> {
    return this.operations.map((operation) => ({ ...operation }));
  }

  /** The history as a `simloop-history/1` file; only for the `register` and `kv` models. */
  toJSON(): HistoryFile {
    const model = this.modelName;
    if (model === undefined) throw new Error("HistoryRecorder.toJSON: a user model's history is checked in process; only the register and kv models have a file format");
    const ops = this.events.map((event) => {
      const operation = this.operations[event.operation] as unknown as RecordedOperation<RegisterInput, Scalar>;
      return fileEvent(operation, event, model);
    });
    return { format: HISTORY_FORMAT, model, ops };
  }

  private complete(client: string | number, index: number, status: OperationStatus, output: Output | undefined): void {
    const operation = this.operations[index]!;
    const input = operation.input as { f?: unknown };
    if (status === 'ok' && this.modelName !== undefined && input.f === 'read' && !isScalar(output)) {
      throw new TypeError(`OperationHandle.ok: a read returns the value read, a JSON scalar; got ${showValue(output)}`);
    }
    const time = this.times.next();
    operation.status = status;
    operation.completeTime = time;
    if (status === 'ok' && output !== undefined) operation.output = output;
    this.events.push({ type: status, operation: index, time });
    const state = this.clients.get(client)!;
    state.outstanding = undefined;
    if (status === 'info') state.process = undefined;
  }
}

function copyRegisterInput(input: RegisterInput): RegisterInput {
  return input.f === 'cas' ? { ...input, value: [input.value[0], input.value[1]] } : { ...input };
}

function fileEvent(operation: RecordedOperation<RegisterInput, Scalar>, event: RecordedEvent, model: ModelName): HistoryEvent {
  const input = operation.input;
  const key = model === 'kv' ? { key: input.key as string } : {};
  const value = input.f === 'read' ? (event.type === 'ok' ? (operation.output as Scalar) : null) : input.value;
  return { process: operation.process, type: event.type, f: input.f, ...key, value, time: event.time };
}
