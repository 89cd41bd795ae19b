import { Prng } from '../../explore/choices/prng.js';

/**
 * Overwrites `target`, the bytes read from a corrupt block starting
 * `startInBlock` bytes into it, with the garbage that block reads as. The
 * garbage depends only on the file, the block and the position in it, so a
 * replay (or a read of another part of the block) sees the same garbage, and
 * no byte of it equals the byte that was written there.
 */
export function fillWithGarbage(target: Uint8Array, inodeId: number, block: number, startInBlock: number): void {
  const prng = new Prng((Math.imul(inodeId + 1, 0x9e3779b1) ^ Math.imul(block + 1, 0x85ebca6b)) >>> 0);
  let word = 0;
  for (let position = 0; position < startInBlock + target.length; position++) {
    if (position % 4 === 0) word = prng.nextUint32();
    if (position < startInBlock) continue;
    const index = position - startInBlock;
    const garbage = (word >>> ((position % 4) * 8)) & 0xff;
    target[index] = garbage === target[index] ? garbage ^ 0x01 : garbage;
  }
}
