// A tiny stand-in for the world's hosts (issue 12), enough to drive a disk
// from tests: a host boots its code as a kernel Owner with the disk mounted,
// crashes (loop.abandon, then the disk's crash) and restarts as a new Owner.
import { Disk, getRunningLoop, Owner, renderTrace, replay, Task, type DiskOptions, type FaultAtlas, type FileSystem, type Loop, type Operation, type TraceEvent } from '../../../src/index.js';

export class TestHost {
  readonly disk: Disk;
  private owner: Owner | null = null;
  private incarnations = 0;

  constructor(
    readonly loop: Loop,
    readonly name: string,
    options: DiskOptions = {},
    atlas?: FaultAtlas,
  ) {
    this.disk = new Disk(loop, name, options, atlas);
  }

  /** Boots `body` as a new incarnation with the disk mounted; its main task. */
  start<T>(body: (fs: FileSystem) => Operation<T>): Task<T> {
    this.incarnations++;
    const owner = new Owner(this.incarnations === 1 ? this.name : `${this.name}#${this.incarnations}`, this.loop);
    this.owner = owner;
    const fs = this.disk.mount(owner);
    return this.loop.withOwner(owner, () => new Task(body(fs), { loop: this.loop, name: 'main' }));
  }

  /** A power cut: none of the incarnation's code runs again, and the disk keeps what the crash leaves. */
  crash(): void {
    if (this.owner === null) throw new Error(`${this.name} is down`);
    this.loop.abandon(this.owner);
    this.owner = null;
    this.disk.crash();
  }
}

/** A host on the running loop (inside a program that explore or replay runs). */
export function testHost(name: string, options: DiskOptions = {}, atlas?: FaultAtlas): TestHost {
  return new TestHost(getRunningLoop(), name, options, atlas);
}

/** The world events of a trace, as the text trace prints them. */
export function worldLines(trace: readonly TraceEvent[]): string[] {
  return renderTrace(trace.filter((event) => event.type === 'world'));
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Replays `main` under `schedule` (fault-free by default) and returns its world events, as the text trace prints them. */
export function worldTrace(main: () => Operation<unknown>, schedule = 'v1;'): string[] {
  return worldLines(replay(main, schedule).trace);
}
