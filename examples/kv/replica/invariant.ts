/** Throws at once when something that must hold does not: a bug in the replica, never a fault of the world. */
export function invariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}
