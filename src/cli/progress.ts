import type { Progress } from '../explore/explore.js';
import { UNBOUNDED_RUNS } from '../explore/choices/plan.js';

const WIDTH = 30;
const REDRAW_MS = 100;

/**
 * A one-line progress bar on a terminal: `[#####.....] 512/1000 runs, 0 failing`,
 * redrawn at most ten times a second. Off a terminal it draws nothing, so
 * logs and pipes get only the report.
 *
 * @example
 * const bar = progressBar(process.stderr);
 * explore(main, { onProgress: bar.update }); bar.finish();
 */
export function progressBar(stream: NodeJS.WriteStream): { update: (progress: Progress) => void; finish: () => void } {
  if (stream.isTTY !== true) return { update: () => {}, finish: () => {} };
  let lastDrawMs = 0;
  let drawn = false;
  return {
    update(progress) {
      const nowMs = Date.now(); // real time, for the terminal only: it never reaches a run
      if (nowMs - lastDrawMs < REDRAW_MS && progress.done < progress.total) return;
      lastDrawMs = nowMs;
      const failing = progress.failures > 0 ? `, ${progress.failures} failing` : '';
      if (progress.total >= UNBOUNDED_RUNS) {
        stream.write(`\r${progress.done} runs${failing} (until the time is up)\x1b[K`);
      } else {
        const filled = progress.total === 0 ? WIDTH : Math.min(WIDTH, Math.round((WIDTH * progress.done) / progress.total));
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${progress.done}/${progress.total} runs${failing}\x1b[K`);
      }
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
