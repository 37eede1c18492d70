import type { ClaimEventProjection } from './types';

/**
 * The activities a claim workflow calls. Implemented by injectable NestJS services in apps/worker; the workflow
 * sees only this interface (proxyActivities), so it holds no I/O.
 */
export interface ClaimActivities {
  /** Writes the event to the append-only timeline and moves the read model; idempotent per (claimNumber, seq). */
  projectClaimEvent(projection: ClaimEventProjection): Promise<void>;
}
