// The CPython reference: runs a scenario on real asyncio (CPython 3.14 inside
// Node, from the pinned `pyodide` package) through reference.py, and returns
// its trace. Differential tests compare simloop's trace with this one.
import { readFile } from 'node:fs/promises';
import { loadPyodide } from 'pyodide';

export interface Reference {
  /** Runs one scenario (its JSON text) and returns the trace: lines joined with
   * "\n", no trailing newline. Synchronous; throws (a pyodide PythonError) if
   * the reference does not understand the scenario. */
  run(scenarioText: string): string;
}

// The module name reference.py is imported under inside the interpreter.
const MODULE = 'simloop_reference';

let loading: Promise<Reference> | undefined;

/** Loads pyodide and reference.py once per process; later calls share it. */
export async function loadReference(): Promise<Reference> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // let a later call retry instead of caching a failure
    throw error;
  });
  return loading;
}

async function load(): Promise<Reference> {
  const pyodide = await loadPyodide({
    // The reference prints nothing; keep anything Python might print (and
    // pyodide's start-up chatter) out of the test output. Errors still reach
    // the caller as exceptions.
    stdout: () => {},
    stderr: (line: string) => {
      process.stderr.write(`[cpython reference] ${line}\n`);
    },
  });
  const source = await readFile(new URL('./reference.py', import.meta.url), 'utf8');
  // Write it into pyodide's file system and import it as a module, so that
  // tracebacks name the file and line.
  const dir = '/home/pyodide/simloop';
  pyodide.FS.mkdirTree(dir);
  pyodide.FS.writeFile(`${dir}/${MODULE}.py`, source);
  const sys = pyodide.pyimport('sys');
  sys.path.insert(0, dir);
  sys.destroy();
  const module = pyodide.pyimport(MODULE);
  const runScenario = module.run_scenario as (text: string) => unknown;
  return {
    run(scenarioText: string): string {
      // The text goes in as a call argument (converted to a Python str), never
      // spliced into Python source.
      const trace = runScenario(scenarioText);
      if (typeof trace !== 'string') {
        throw new Error(`reference returned ${typeof trace}, expected a string`);
      }
      return trace;
    },
  };
}
