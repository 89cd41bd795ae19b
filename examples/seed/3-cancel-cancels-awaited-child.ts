// A task that cancels itself and then awaits a child: the cancellation goes down to the child.
// asyncio original: ../shared/reference/asyncio-task-cancel-itself.txt, third example.
import { CancelledError, createTask, currentTask, sleep } from '../../src/index.js';

function* work2() {
  try {
    yield* sleep(10_000);
    console.log('Subtask sleep completed normally');
  } catch (error) {
    if (error instanceof CancelledError) console.log('Subtask is cancelled');
    throw error;
  }
}

function* work() {
  console.log('Task is starting');
  const task = createTask(work2());
  yield* sleep(500);
  currentTask().cancel();
  yield* task;
  console.log('Task is done');
}

export function* main() {
  const task = createTask(work());
  try {
    yield* task;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log('Main saw the task cancel');
  }
  console.log('Main is done');
}
