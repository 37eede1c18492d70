import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ClaimActivities } from './activities';
import { getClaimStateQuery, withdrawClaimUpdate } from './messages';
import { ClaimStage, type ClaimState, type IncidentClaimInput, type WithdrawCommand } from './types';

const { projectClaimEvent } = proxyActivities<ClaimActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** 2 x 24 hours: deadline of the first accident report (Permenaker 5/2021 jo. Permenaker 1/2025 Pasal 8(1)). */
const FIRST_REPORT_DEADLINE_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * One workflow per claim; workflowId = claim number. This is the walking skeleton: reported → coverage check →
 * waiting for the officer's verification, with a withdrawal Update. The claim-lifecycle issue grows the rest.
 */
export async function IncidentClaimWorkflow(input: IncidentClaimInput): Promise<ClaimState> {
  const lateReport = Date.parse(input.reportedAt) - Date.parse(input.occurredAt) > FIRST_REPORT_DEADLINE_MS;
  const state: ClaimState = {
    claimNumber: workflowInfo().workflowId,
    stage: ClaimStage.REPORTED,
    lateReport,
    timeline: [],
  };
  let withdrawn = false;

  const record = async (type: string, stage: ClaimStage, actor: string, reason?: string) => {
    const entry = {
      seq: state.timeline.length + 1,
      type,
      stage,
      actor,
      ...(reason ? { reason } : {}),
      at: new Date().toISOString(), // workflow time: deterministic on replay
    };
    state.timeline.push(entry);
    state.stage = stage;
    await projectClaimEvent({ claimNumber: state.claimNumber, entry, lateReport });
  };

  setHandler(getClaimStateQuery, () => state);
  setHandler(
    withdrawClaimUpdate,
    async (cmd: WithdrawCommand) => {
      withdrawn = true;
      await record('WITHDRAWN', ClaimStage.WITHDRAWN, cmd.actor, cmd.reason.trim());
      return state;
    },
    {
      validator: (cmd: WithdrawCommand) => {
        if (!cmd || typeof cmd.actor !== 'string' || cmd.actor.trim() === '') {
          throw ApplicationFailure.create({ type: 'InvalidCommand', message: 'actor is required', nonRetryable: true });
        }
        if (typeof cmd.reason !== 'string' || cmd.reason.trim().length < 5) {
          throw ApplicationFailure.create({
            type: 'InvalidCommand',
            message: 'reason is required (at least 5 characters) to withdraw a claim',
            nonRetryable: true,
          });
        }
        if (withdrawn) {
          throw ApplicationFailure.create({
            type: 'NotAllowedInStage',
            message: `claim ${state.claimNumber} is already withdrawn`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  await record('REPORTED', ClaimStage.REPORTED, 'system', lateReport ? 'LATE_FIRST_REPORT' : undefined);
  if (!withdrawn) await record('COVERAGE_CHECK_STARTED', ClaimStage.COVERAGE_CHECK, 'system');
  if (!withdrawn) await record('AWAITING_VERIFICATION', ClaimStage.AWAITING_VERIFICATION, 'system');

  await condition(() => withdrawn);
  // the withdrawal Update's projection must finish before the workflow completes
  await condition(allHandlersFinished);
  return state;
}
