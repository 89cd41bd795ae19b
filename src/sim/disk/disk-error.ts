/**
 * The error codes a simulated disk raises, POSIX's: `ENOENT` (no such file),
 * `EEXIST` (it exists already), `EIO` (an unreadable block), `ENOSPC` (the
 * disk is full).
 *
 * @example
 * const code: DiskErrorCode = 'ENOSPC';
 */
export type DiskErrorCode = 'ENOENT' | 'EEXIST' | 'EIO' | 'ENOSPC';

const DESCRIPTIONS: Readonly<Record<DiskErrorCode, string>> = {
  ENOENT: 'no such file',
  EEXIST: 'file exists',
  EIO: 'input/output error',
  ENOSPC: 'no space left on device',
};

/**
 * A failed disk operation, shaped like Node's file-system errors: the POSIX
 * `code`, the `syscall` that failed and the file's `path`, with the host it
 * happened on. The message says all of it in one line.
 *
 * @example
 * try {
 *   yield* disk.open('log');
 * } catch (error) {
 *   if (error instanceof DiskError && error.code === 'ENOENT') console.log('no log yet');
 * }
 */
export class DiskError extends Error {
  override name = 'DiskError';

  constructor(
    readonly code: DiskErrorCode,
    /** The operation: `open`, `write`, `read`, `rename`... */
    readonly syscall: string,
    /** The file it was about. */
    readonly path: string,
    /** The host whose disk it is. */
    readonly host: string,
    /** What exactly, when there is more to say: `block 3 is unreadable`. */
    detail = '',
  ) {
    super(`${code}: ${DESCRIPTIONS[code]}, ${syscall} '${path}' on host ${host}${detail === '' ? '' : ` (${detail})`}`);
  }
}
