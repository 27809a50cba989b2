import bcrypt from 'bcrypt';

/**
 * bcrypt through its asynchronous API, which hashes on libuv's thread pool and so never blocks
 * the event loop.
 */
export class PasswordHasher {
  /** Compared against when the user does not exist, so both paths cost one bcrypt verification. */
  private readonly decoy: Promise<string>;

  constructor(private readonly rounds: number) {
    this.decoy = bcrypt.hash('decoy password, never valid', rounds);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.rounds);
  }

  async verify(password: string, hash: string | undefined): Promise<boolean> {
    const ok = await bcrypt.compare(password, hash ?? (await this.decoy));
    return ok && hash !== undefined;
  }
}
