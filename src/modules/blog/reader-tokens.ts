import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new reader token: 32 random bytes, base64url. Only its hash is stored. */
export function newReaderToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashReaderToken(token) };
}

export function hashReaderToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash (null: no token was ever issued). */
export function readerTokenMatches(token: string | null | undefined, hash: string | null): boolean {
  if (!token || !hash) return false;
  return timingSafeEqual(Buffer.from(hashReaderToken(token), 'hex'), Buffer.from(hash, 'hex'));
}
