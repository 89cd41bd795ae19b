/**
 * From the file's events to the operations the checker judges: each invoke
 * with its completion, in the order of the invocations.
 */
import type { HistoryEvent, HistoryFile, HistoryOperation, OperationStatus, RegisterInput, Scalar } from './history.js';

interface OpenOperation {
  process: number;
  input: RegisterInput;
  status: OperationStatus;
  output?: Scalar;
  invokeTime: number;
  completeTime?: number;
}

/**
 * The operations of a valid history file (from `parseHistory` or
 * `validateHistory`), numbered by their invocations' order in the file. An
 * invocation with no completion is `info` with no `completeTime`; a read's
 * output is the value read, a write's or a cas's is absent.
 *
 * @example
 * const operations = operationsOf(parseHistory(text));
 * operations[0]; // { process: 0, input: { f: 'write', key: 'x', value: 1 }, status: 'ok', invokeTime: 0, completeTime: 5 }
 */
export function operationsOf(file: HistoryFile): HistoryOperation<RegisterInput, Scalar>[] {
  const operations: OpenOperation[] = [];
  const outstanding = new Map<number, OpenOperation>();
  for (const event of file.ops) {
    if (event.type === 'invoke') {
      const operation: OpenOperation = { process: event.process, input: inputOf(event, file.model === 'kv'), status: 'info', invokeTime: event.time };
      operations.push(operation);
      outstanding.set(event.process, operation);
      continue;
    }
    const operation = outstanding.get(event.process);
    if (operation === undefined) throw new Error(`operationsOf: ${event.type} of process ${event.process} has no invoke; validate the file first`);
    outstanding.delete(event.process);
    operation.status = event.type;
    operation.completeTime = event.time;
    if (event.type === 'ok' && event.f === 'read') operation.output = event.value as Scalar;
  }
  return operations;
}

function inputOf(event: HistoryEvent, keyed: boolean): RegisterInput {
  const key = keyed ? { key: event.key as string } : {};
  if (event.f === 'read') return { f: 'read', ...key };
  if (event.f === 'write') return { f: 'write', ...key, value: event.value as Scalar };
  return { f: 'cas', ...key, value: event.value as readonly [Scalar, Scalar] };
}
