import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ClaimState, WithdrawCommand } from './types';

/** Shared by the workflow and its callers (the api): the names are the contract. */
export const getClaimStateQuery = defineQuery<ClaimState>('getClaimState');
export const withdrawClaimUpdate = defineUpdate<ClaimState, [WithdrawCommand]>('withdrawClaim');
