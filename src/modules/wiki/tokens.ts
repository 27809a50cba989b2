import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { Role } from './user.entity.js';

/** What an access token asserts: who, the role they had when they logged in, and their token stamp then. */
export interface TokenClaims {
  userId: number;
  role: Role;
  /** The account's tokenStamp at issue; the token dies when the account's stamp changes. */
  stamp: string;
}

const ISSUER = 'retrofun-graphql';
const ROLES = new Set<string>(Object.values(Role));

/**
 * Tokens verified recently, by their text: checking an HS256 signature goes through WebCrypto
 * (jose), a measurable share of a request's CPU (docs/benchmarks), for the same few tokens
 * over and over. Only valid tokens are kept, each until its own expiry; revocation does not depend
 * on this, since every request that reads the viewer compares the account's stamp in the database.
 */
const VERIFIED_TOKENS = 10_000;

/** Seconds by which the clock of the instance that issued a token may run ahead of the one verifying it. */
const CLOCK_SKEW_SECONDS = 30;

/** Signs and verifies HS256 access tokens; the key never leaves this object. */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly verified = new LRUCache<string, { claims: TokenClaims; expiresAtMs: number }>({ max: VERIFIED_TOKENS });

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ role: claims.role, stm: claims.stamp })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.userId))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt };
  }

  /**
   * The claims of a valid token; throws a message fit for the client otherwise. Valid means signed
   * with this key, issued here, and with an iat and an exp at most the configured lifetime apart
   * (JWT_TTL_SECONDS: lowering it also shortens tokens already issued).
   */
  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.claims;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        // Ours always carry both: a token without them (never expiring) was not issued here.
        requiredClaims: ['exp', 'iat'],
      });
      // A key holder could sign any exp (9999): no token lives longer than this service grants,
      // counted from its iat and, lest the iat lie in the future too, from now.
      const exp = payload.exp!;
      if (exp - payload.iat! > this.ttlSeconds || exp - Date.now() / 1000 > this.ttlSeconds + CLOCK_SKEW_SECONDS) throw new Error('lifetime too long');
      const userId = Number(payload.sub);
      if (!Number.isSafeInteger(userId) || typeof payload.role !== 'string' || !ROLES.has(payload.role)) throw new Error('bad claims');
      // Tokens from before stamps existed carry none: they match the '' of accounts not yet renewed.
      const stamp = payload.stm === undefined ? '' : payload.stm;
      if (typeof stamp !== 'string') throw new Error('bad claims');
      const claims: TokenClaims = Object.freeze({ userId, role: payload.role as Role, stamp });
      this.verified.set(token, { claims, expiresAtMs: exp * 1000 });
      return claims;
    } catch (error) {
      throw new Error(error instanceof errors.JWTExpired ? 'The access token has expired: log in again' : 'The access token is not valid');
    }
  }
}
