// TEMPORARY: a stand-in for the simulated disk (host.disk) until it lands in
// main. Each host's files live in the run's main, so they outlive the host's
// crashes; a write is durable once its file is fsynced, a new name once the
// directory is; a new incarnation's mount loses everything else (the real
// disk's default outcome of a crash, without its torn or kept writes).
import { sleep, type HostContext, type Operation } from '../../../src/index.js';
import type { DataFile, Directory } from './files.js';

class MemoryFile implements DataFile {
  bytes = new Uint8Array(0);
  durable = new Uint8Array(0);

  *write(offset: number, data: Uint8Array): Operation<void> {
    yield* sleep(1);
    const end = offset + data.length;
    if (end > this.bytes.length) this.resize(end);
    this.bytes.set(data, offset);
  }

  *read(offset: number, length: number): Operation<Uint8Array> {
    yield* sleep(1);
    return this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
  }

  size(): number {
    return this.bytes.length;
  }

  *truncate(size: number): Operation<void> {
    yield* sleep(1);
    this.resize(size);
  }

  *fsync(): Operation<void> {
    yield* sleep(1);
    this.durable = this.bytes.slice();
  }

  private resize(size: number): void {
    const resized = new Uint8Array(size);
    resized.set(this.bytes.subarray(0, size));
    this.bytes = resized;
  }
}

export class MemoryDisk {
  private files = new Map<string, MemoryFile>();
  private durableNames = new Map<string, MemoryFile>();
  private incarnation = 0;

  /** The directory as `host`'s incarnation sees it: after a crash, only what was durable. */
  mount(host: HostContext): Directory {
    if (host.incarnation !== this.incarnation && this.incarnation !== 0) {
      this.files = new Map(this.durableNames);
      for (const file of this.files.values()) file.bytes = file.durable.slice();
    }
    this.incarnation = host.incarnation;
    const disk = this;
    return {
      *open(name: string): Operation<DataFile> {
        yield* sleep(1);
        let file = disk.files.get(name);
        if (file === undefined) disk.files.set(name, (file = new MemoryFile()));
        return file;
      },
      *fsyncDirectory(): Operation<void> {
        yield* sleep(1);
        disk.durableNames = new Map(disk.files);
      },
    };
  }
}
