/**
 * The simulated world: hosts that crash and restart, a network that delays,
 * drops, duplicates and partitions, skewed clocks, BUGGIFY, and a liveness
 * phase, every fault a recorded choice that shrinks and replays.
 */
export { createWorld, World } from './world.js';
export type { WorldOptions } from './options.js';
export { Host, type HostState, type Boot, type HostOptions, type HostPart } from './host.js';
export { HostContext, type SendOptions, type ReceiveOptions, type CallOptions, type RequestHandler } from './host-context.js';
export { HostClock } from './clock.js';
export type { Envelope, MessageKind } from './envelope.js';
export type { LinkOptions } from './link.js';
export type { Rule, RuleHandle, RuleVerdict } from './rules.js';
export type { LivenessOptions } from './liveness.js';
export type { ResolvedOptions } from './swarm.js';
export { Odds } from './choice-points.js';
export { buggify } from './buggify.js';
export { HostDownError, HostError, LivenessError, RemoteError } from './errors.js';
