// A task that cancels itself and returns without yielding again: it still ends cancelled.
// asyncio original: ../shared/reference/asyncio-task-cancel-itself.txt, second example.
import { CancelledError, createTask, currentTask } from '../../src/index.js';

function* work() {
  console.log('Task is starting');
  currentTask().cancel();
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
