/** A human step the workflow refused (validator): nothing was written. `type` says why (#6 maps it to 409/422/403). */
export class ClaimCommandRefusedError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClaimCommandRefusedError';
  }
}
