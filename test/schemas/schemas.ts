// The package's JSON Schemas, compiled with Ajv in strict mode (a schema that
// Ajv would only warn about fails here), and the JSON examples of the format
// documents they describe.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseScenario, ScenarioError } from '../../src/scenario/validate.js';

const ROOT = new URL('../../', import.meta.url);

/** A schema file as shipped, parsed. */
export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`schemas/${name}`, ROOT), 'utf8')) as Record<string, unknown>;
}

/**
 * Compiles a shipped schema; `strict: true` turns each of Ajv's strict-mode warnings into an error.
 * With `allErrors` Ajv reports every problem, not only the first (slower: each branch of every anyOf).
 */
export function compileSchema(name: string, options: { allErrors?: boolean } = {}): ValidateFunction {
  return new Ajv2020({ strict: true, allErrors: options.allErrors ?? false }).compile(readSchema(name));
}

/** The schema's verdict on a parsed file: null when valid, else Ajv's errors as `path: message` lines. */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] | null {
  if (validate(value)) return null;
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`);
}

/** The scenario validator's verdict on a parsed file, for comparison with the schema's: its message, or null when valid. */
export function scenarioValidatorError(file: unknown): string | null {
  try {
    parseScenario(JSON.stringify(file));
    return null;
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
}

/** The ```json blocks of a document under docs/, parsed. */
export function jsonExamples(document: string): unknown[] {
  const text = readFileSync(new URL(`docs/${document}`, ROOT), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as unknown);
}
