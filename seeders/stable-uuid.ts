import { createHash } from 'node:crypto';

const NAMESPACE = 'retrofun-demo';

/** A UUID (version 5 layout) derived from a name, so seeded keys are the same on every run. */
export function stableUuid(...parts: string[]): string {
  const bytes = createHash('sha1')
    .update([NAMESPACE, ...parts].join('\u0000'))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
