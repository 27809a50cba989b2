import { errors, jwtVerify, SignJWT } from 'jose';
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

/** Signs and verifies HS256 access tokens; the key never leaves this object. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
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

  /** The claims of a valid token; throws a message fit for the client otherwise. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const userId = Number(payload.sub);
      if (!Number.isSafeInteger(userId) || typeof payload.role !== 'string' || !ROLES.has(payload.role)) throw new Error('bad claims');
      // Tokens from before stamps existed carry none: they match the '' of accounts not yet renewed.
      const stamp = payload.stm === undefined ? '' : payload.stm;
      if (typeof stamp !== 'string') throw new Error('bad claims');
      return { userId, role: payload.role as Role, stamp };
    } catch (error) {
      throw new Error(error instanceof errors.JWTExpired ? 'The access token has expired: log in again' : 'The access token is not valid');
    }
  }
}
