/**
 * Where each var is first bound, read leniently before validation starts.
 *
 * Vars are global to the run, so `["await", "t"]` in `defs.main[0]` is valid
 * when the `spawn` of `t` comes later in the file, even in another def. The
 * validator reports errors in document order and stops at the first, so it
 * must know every binding before it starts; this walk finds them without
 * judging anything else.
 *
 * ```ts
 * collectSpawnSites({ main: [['try', [['spawn', 't', 'w']], []]] });
 * // Map { 't' => 'defs.main[0][1][0]' }
 * ```
 */
import { MAX_NESTING, specOf } from './validate-op-specs.js';
import { isObject } from './validate-values.js';

/** Maps each var to the path of the first `spawn` op binding it, in document order. */
export function collectSpawnSites(defs: unknown): Map<string, string> {
  const sites = new Map<string, string>();
  if (!isObject(defs)) return sites;
  for (const [name, body] of Object.entries(defs)) visitList(body, `defs.${name}`, 1, sites);
  return sites;
}

function visitList(list: unknown, path: string, depth: number, sites: Map<string, string>): void {
  // The validator rejects deeper lists before looking inside them.
  if (!Array.isArray(list) || depth > MAX_NESTING) return;
  list.forEach((op, j) => visitOp(op, `${path}[${j}]`, depth, sites));
}

function visitOp(op: unknown, path: string, depth: number, sites: Map<string, string>): void {
  if (!Array.isArray(op)) return;
  const spec = specOf(op[0]);
  if (spec === undefined) return;
  if (op[0] === 'spawn' && typeof op[1] === 'string' && !sites.has(op[1])) sites.set(op[1], path);
  spec.args.forEach(([, kind], i) => {
    const arg: unknown = op[i + 1];
    const argPath = `${path}[${i + 1}]`;
    if (kind === 'ops') visitList(arg, argPath, depth + 1, sites);
    if (kind === 'handlers' && Array.isArray(arg)) {
      arg.forEach((handler: unknown, k) => {
        if (Array.isArray(handler)) visitList(handler[1], `${argPath}[${k}][1]`, depth + 1, sites);
      });
    }
  });
}
