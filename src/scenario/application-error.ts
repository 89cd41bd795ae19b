/**
 * An error a scenario raises by name (`["raise", "Boom"]`), or the run-time
 * `UnboundVar`. Its `name` is what the trace renders and what a handler
 * pattern that is not reserved matches.
 */
export class ApplicationError extends Error {
  constructor(name: string) {
    super(name);
    this.name = name;
  }
}

/** A var used before the `spawn` that binds it has run. */
export function unboundVar(variable: string): ApplicationError {
  const error = new ApplicationError('UnboundVar');
  error.message = `var "${variable}" is used before its spawn ran`;
  return error;
}
