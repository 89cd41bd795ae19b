/**
 * Deterministic simulation: explore a program under many schedules (seeded
 * random, PCT, exhaustive, cancellation points), shrink a failing schedule
 * and replay it exactly.
 */
export { explore, exploreSubject, type ExploreOptions, type ExploreResult, type Progress, type Coverage, type PctGuarantee } from './explore.js';
export { replay, replaySubject, ScheduleFailure, type ReplayOptions, type ReplayResult } from './replay.js';
export { formatReport, type ReportContext } from './report.js';
export { formatSchedule, parseSchedule, ScheduleSyntaxError, ANY_TASK, type Schedule } from './schedule.js';
export { Prng } from './prng.js';
export { pctBound } from './pct.js';
export { type PolicyName, type ExplorePlan, type ProbeStats } from './plan.js';
export { parseShard, type Shard } from './shard.js';
export { programSubject, scenarioSubject, type Main, type Subject } from './subject.js';
export { exploreFile, type FileExploreOptions } from './workers.js';
export { loadSubject, SubjectLoadError, type LoadedSubject } from './load-subject.js';
export type { Invariant } from './run-monitor.js';
export type { Failure, FailureKind } from './failure.js';
export type { FailureReport, ScheduleSummary } from './failure-report.js';
export type { DeterminismCheck } from './self-check.js';
export { renderTrace, type TraceEvent } from './trace.js';
export { diffTraces, describeDifference, type TraceDifference } from './trace-diff.js';
export { toChromeTrace, type ChromeTrace, type ChromeTraceEvent } from './chrome-trace.js';
export type { Chooser, ChoiceKind } from './chooser.js';
export { RecordingPolicy } from './recorder.js';
