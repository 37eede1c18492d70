/** A refused command: pure (no Temporal), the workflow shell turns it into the ApplicationFailure it throws. */
export type RefusalType =
  'NotAllowedInStage' | 'InvalidCommand' | 'FourEyes' | 'Forbidden' | 'NotReady' | 'Busy';

export class Refusal extends Error {
  constructor(
    readonly type: RefusalType,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function refuse(type: RefusalType, message: string): never {
  throw new Refusal(type, message);
}

export function requireReason(reason: unknown, what: string): void {
  if (typeof reason !== 'string' || reason.trim().length < 5) {
    refuse('InvalidCommand', `reason is required (at least 5 characters) to ${what}`);
  }
}
