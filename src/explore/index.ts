/**
 * Deterministic simulation: explore a program under many schedules (seeded
 * random, PCT, exhaustive, cancellation points), shrink a failing schedule
 * and replay it exactly.
 */
export { explore, exploreSubject, type ExploreOptions, type ExploreResult, type Progress, type Coverage, type PctGuarantee } from './explore.js';
export { replay, replaySubject, ScheduleFailure, type ReplayOptions, type ReplayResult } from './replay.js';
export { formatReport, type ReportContext } from './report/report.js';
export { formatSchedule, parseSchedule, ScheduleSyntaxError, ANY_TASK, type Schedule } from './choices/schedule.js';
export { Prng } from './choices/prng.js';
export { pctBound } from './choices/pct.js';
export { type PolicyName, type ExplorePlan, type ProbeStats } from './choices/plan.js';
export { parseShard, type Shard } from './choices/shard.js';
export { programSubject, scenarioSubject, type Main, type Subject } from './subject.js';
export type { Invariant } from './report/run-monitor.js';
export type { Failure, FailureKind } from './report/failure.js';
export type { FailureReport, ScheduleSummary } from './report/failure-report.js';
export type { DeterminismCheck } from './report/self-check.js';
export { renderTrace, type TraceEvent } from './report/trace.js';
export { summarizeFaults } from './report/fault-summary.js';
export { diffTraces, describeDifference, type TraceDifference } from './report/trace-diff.js';
export { toChromeTrace, type ChromeTrace, type ChromeTraceEvent } from './report/chrome-trace.js';
export { toHtmlTimeline, type HtmlTimelineRun, type HtmlTimelineOptions, type HtmlSection } from './report/html/timeline.js';
export type { Chooser, ChoiceKind } from './choices/chooser.js';
export { RecordingPolicy } from './choices/recorder.js';
export { mergeResults } from './merge.js';
export type { RunChecks, RunRecord } from './execute.js';
export type { ChoiceListener, StreamLog } from './choices/recorder.js';
export { CHOICE_STREAMS, type ChoiceStream, type WorldStream, type WorldChoices, type StreamChoices } from './choices/streams.js';
export { CheckFailed, type RunCheck, type CheckFinding } from './run-check.js';
