import { reorderGroups, undoUnits } from './named-passes.js';
import { deleteChunks, lowerValues, moveChoices, zeroChunks } from './positional-passes.js';
import type { ShrinkState } from './shrink.js';

/** A shrinking pass: tries candidates near the best schedule; true when one of them became the best. */
export type ShrinkPass = (state: ShrinkState) => boolean;

/**
 * The passes, cheapest first; shrinking runs them in turn and starts over
 * after each improvement, until none improves: then no single change (zero
 * a choice or a chunk of them; undo an iteration's order, an injected
 * cancel or a world fault, by name; move one task in an iteration's order;
 * delete a chunk; lower a choice; move a choice within its stream) keeps
 * the failure.
 */
export const SHRINK_PASSES: readonly ShrinkPass[] = [zeroChunks, undoUnits, reorderGroups, deleteChunks, lowerValues, moveChoices];

/**
 * The passes that take departures away (zero them, or undo them by name),
 * the ones shrinking runs while it holds the run's inputs: cheap, and all
 * that phase needs, since its aim is fewer faults on the workload that failed.
 */
export const REMOVING_PASSES: readonly ShrinkPass[] = [zeroChunks, undoUnits, reorderGroups];
