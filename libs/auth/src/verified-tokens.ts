/**
 * Access tokens whose signature was checked, kept until they expire: a client sends the same token with every request
 * for its lifetime (JWT_ACCESS_TTL_SECONDS), and checking its HMAC signature again each time was ~9% of the api's CPU
 * per filing (docs/api.md). Only tokens that passed the check are kept, by their whole text, so a token that was
 * never verified (or was altered in any byte) is always checked. Access tokens are stateless (logout revokes the
 * refresh token), so remembering one changes no answer: it is refused from the moment its `exp` passes, as the
 * check would. At most `max` tokens, the oldest dropped first.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { claims: T; expiresAtMs: number }>();

  constructor(readonly max = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The claims of a token verified before and not yet expired. */
  get(token: string, nowMs = Date.now()): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Remembers a verified token until its `exp` (seconds since the epoch); a token without one is not kept. */
  remember(token: string, claims: T & { exp?: number }, nowMs = Date.now()): void {
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs || this.max < 1) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { claims, expiresAtMs: claims.exp * 1000 });
  }
}
