// Records on disk: a length, a CRC-32 of the payload, and the payload (JSON),
// so recovery can tell a whole record from one a crash tore or lost: a torn
// record fails its checksum, and a lost one reads as zeros, whose length 0 no
// record has.

const HEADER_BYTES = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as zlib computes it. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The bytes of one record holding `value`. */
export function encodeRecord(value: unknown): Uint8Array {
  const payload = encoder.encode(JSON.stringify(value));
  const record = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(record.buffer);
  view.setUint32(0, payload.length);
  view.setUint32(4, crc32(payload));
  record.set(payload, HEADER_BYTES);
  return record;
}

/** The record that starts at `offset` of `bytes`, and where it ends; null when none whole is there. */
export function decodeRecord(bytes: Uint8Array, offset: number): { value: unknown; end: number } | null {
  if (offset + HEADER_BYTES > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const length = view.getUint32(0);
  const end = offset + HEADER_BYTES + length;
  if (length === 0 || end > bytes.length) return null;
  const payload = bytes.subarray(offset + HEADER_BYTES, end);
  if (crc32(payload) !== view.getUint32(4)) return null;
  return { value: JSON.parse(decoder.decode(payload)), end };
}
