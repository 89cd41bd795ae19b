// A task that cancels itself: the CancelledError arrives at its next yield.
// asyncio original: ../shared/reference/asyncio-task-cancel-itself.txt, first example.
import { CancelledError, createTask, currentTask, sleep } from '../../src/index.js';

function* work() {
  console.log('Task is starting');
  yield* sleep(500);
  currentTask().cancel();
  yield* sleep(500);
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
