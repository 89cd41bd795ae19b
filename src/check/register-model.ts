/**
 * The shipped models of the file format: `register`, one register initially
 * `null`, and `kv`, a map from string keys to independent such registers,
 * checked key by key. Values are JSON scalars compared with `===`.
 */
import type { ModelName, RegisterInput, Scalar } from './history.js';
import type { FullModel, StepResult } from './model.js';
import { isScalar, isScalarPair, showScalar } from './scalar.js';
import { showValue } from './show.js';
import { structuralHash } from './structural.js';

const ILLEGAL: StepResult<Scalar> = { ok: false };

/** The register's sequential specification; `output` undefined is an unknown outcome. */
function stepRegister(state: Scalar, input: RegisterInput, output: Scalar | undefined): StepResult<Scalar> {
  switch (input.f) {
    case 'read':
      return output === undefined || output === state ? { ok: true, state } : ILLEGAL;
    case 'write':
      return { ok: true, state: input.value };
    case 'cas':
      // An ok cas swapped, so it is legal only where the register held `expected`; an
      // unknown one that did not swap had no effect, which the search covers by leaving it out.
      return state === input.value[0] ? { ok: true, state: input.value[1] } : ILLEGAL;
  }
}

function describe(input: RegisterInput, output: Scalar | undefined, key: string): string {
  const prefix = key === '' ? '' : `${key}, `;
  switch (input.f) {
    case 'read':
      return `read(${key}) -> ${output === undefined ? '?' : showScalar(output)}`;
    case 'write':
      return `write(${prefix}${showScalar(input.value)})`;
    case 'cas':
      return `cas(${prefix}${showScalar(input.value[0])}, ${showScalar(input.value[1])})`;
  }
}

/**
 * One register, initially `null`: `read` returns its value, `write` sets it,
 * `cas` with `[expected, new]` sets it to `new` when it holds `expected`.
 * An operation's `key` is ignored.
 *
 * @example
 * checkLinearizability(history, registerModel).verdict; // 'linearizable'
 */
export const registerModel: FullModel<Scalar, RegisterInput, Scalar> = {
  init: () => null,
  step: stepRegister,
  partition: undefined,
  readOnly: (input) => input.f === 'read',
  equal: (a, b) => a === b,
  hash: structuralHash,
  describeOperation: (input, output) => describe(input, output, ''),
  describeState: showScalar,
};

/**
 * A map from string keys (the empty string included) to independent
 * registers, each initially `null`; checked key by key (P-compositionality),
 * so its state is one key's register.
 *
 * @example
 * checkLinearizability(history, kvModel).parts.map((part) => part.key); // ['x', 'y']
 */
export const kvModel: FullModel<Scalar, RegisterInput, Scalar> = {
  ...registerModel,
  partition: (input) => {
    if (typeof input.key !== 'string') throw new TypeError(`a kv operation needs a string key, got ${JSON.stringify(input)}`);
    return input.key;
  },
  describeOperation: (input, output) => describe(input, output, JSON.stringify(input.key ?? '')),
};

/** The shipped model a name or an object stands for, with its name; undefined for a user model. */
export function shippedModel(model: unknown): { name: ModelName; model: FullModel<Scalar, RegisterInput, Scalar> } | undefined {
  if (model === 'register' || model === registerModel) return { name: 'register', model: registerModel };
  if (model === 'kv' || model === kvModel) return { name: 'kv', model: kvModel };
  return undefined;
}

/** What is wrong with an operation's input for a shipped model, or undefined when nothing is. */
export function registerInputProblem(input: unknown, keyed: boolean): string | undefined {
  if (typeof input !== 'object' || input === null) return `expected {f, value${keyed ? ', key' : ''}}, got ${String(input)}`;
  const { f, key, value } = input as Record<string, unknown>;
  if (keyed && typeof key !== 'string') return `a kv operation needs a string key, got ${showValue(key)}`;
  if (f === 'read') return undefined;
  if (f === 'write') return isScalar(value) ? undefined : `a write's value must be a JSON scalar, got ${showValue(value)}`;
  if (f === 'cas') return isScalarPair(value) ? undefined : `a cas's value must be [expected, new], two JSON scalars, got ${showValue(value)}`;
  return `f must be "read", "write" or "cas", got ${showValue(f)}`;
}
