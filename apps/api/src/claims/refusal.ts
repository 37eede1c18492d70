import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { ClaimCommandRefusedError } from '@sigap/claims';
import { WorkflowNotFoundError } from '@temporalio/client';

/**
 * Runs a claim command; a refusal by the workflow's Update validator becomes 409 Conflict carrying the validator's
 * reason and its type (InvalidCommand, NotAllowedInStage, FourEyes, Forbidden, NotReady, Busy). Nothing was
 * written in that case.
 */
export async function command<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ClaimCommandRefusedError) {
      throw new ConflictException({ message: err.message, extra: { refusal: err.type } });
    }
    // the claim's workflow has finished (closed, rejected, withdrawn) or is not running yet: no step is possible
    if (err instanceof WorkflowNotFoundError) {
      throw new ConflictException({
        message: 'the claim is not open for this step (its process has ended or not started)',
        extra: { refusal: 'NotAllowedInStage' },
      });
    }
    if (
      err instanceof Error &&
      /must be 6 to 20 digits|a reason is required|only rejected, withdrawn or closed/.test(err.message)
    ) {
      throw new UnprocessableEntityException({ message: err.message });
    }
    throw err;
  }
}
