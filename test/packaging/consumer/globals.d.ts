// The one global the seed example uses. The project has no @types/node and
// no DOM library, so it declares it, and the type check shows that simloop's
// own types need neither.
declare const console: { log(...data: unknown[]): void };
