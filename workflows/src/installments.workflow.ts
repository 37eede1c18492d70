import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { ClaimActivities } from './activities';
import { getInstallmentsQuery, installmentPaidSignal, stopInstallmentsSignal } from './messages';
import { itemKeyOf } from './money';
import type { InstallmentsInput, InstallmentsResult } from './types';

/** Refusals that asking again will not change: the child stops and tells the claim (it never fails). */
const REFUSALS = ['InvalidAccount', 'LedgerRefused', 'BankRejected'];

const { transfer } = proxyActivities<ClaimActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/**
 * Scheduled payments of a claim (scholarship years, STMB months after the calculation date): waits for each due
 * date (Asia/Jakarta), pays it with an idempotency key generated here, tells the claim, and continues as new after
 * every payment, so the history never grows with the years. A stop (recovery or death ends STMB; withdrawal ends
 * everything) cancels the items due after its date.
 */
export async function ClaimInstallmentsWorkflow(input: InstallmentsInput): Promise<InstallmentsResult> {
  const items = [...input.items].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const stops = [...(input.stops ?? [])];
  let paid = input.paid ?? 0;
  let cancelled = input.cancelled ?? 0;
  setHandler(stopInstallmentsSignal, (s) => {
    stops.push(s);
  });
  setHandler(getInstallmentsQuery, () => ({ remaining: items.length, paid, cancelled }));
  const stopped = (code: string, dueDate: string) =>
    stops.some((s) => (s.codes.includes('*') || s.codes.includes(code)) && dueDate > s.after);

  while (items.length > 0) {
    const next = items[0];
    if (stopped(next.code, next.dueDate)) {
      items.shift();
      cancelled++;
      continue;
    }
    const dueInMs = Date.parse(`${next.dueDate}T00:00:00+07:00`) - Date.now();
    if (dueInMs > 0) {
      const seen = stops.length;
      await condition(() => stops.length !== seen, dueInMs);
      continue;
    }
    const idempotencyKey = uuid4();
    try {
      await transfer({
        claimNumber: input.claimNumber,
        accountId: input.accountId,
        lineKey: next.key,
        itemKey: itemKeyOf(next.key),
        amount: next.amount,
        payer: next.payer,
        idempotencyKey,
      });
    } catch (err) {
      if (
        err instanceof ActivityFailure &&
        err.cause instanceof ApplicationFailure &&
        REFUSALS.includes(err.cause.type ?? '')
      ) {
        return {
          paid,
          cancelled,
          failed: { key: next.key, type: err.cause.type!, message: err.cause.message },
        };
      }
      throw err;
    }
    paid++;
    items.shift();
    await getExternalWorkflowHandle(input.claimNumber).signal(installmentPaidSignal, {
      key: next.key,
      amount: next.amount,
      idempotencyKey,
      accountId: input.accountId,
      payer: next.payer,
    });
    if (items.length > 0) {
      await continueAsNew<typeof ClaimInstallmentsWorkflow>({ ...input, items, stops, paid, cancelled });
    }
  }
  return { paid, cancelled };
}
