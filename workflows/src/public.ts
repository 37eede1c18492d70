/** What callers (the api, the worker, tests) import: types, message definitions and the workflow type names. */
export * from './types';
export * from './messages';
export * from './benefit-input';
export type { ClaimActivities } from './activities';
export const INCIDENT_CLAIM_WORKFLOW = 'IncidentClaimWorkflow';
export const CLAIM_INSTALLMENTS_WORKFLOW = 'ClaimInstallmentsWorkflow';
export const NOOP_WORKFLOW = 'NoopWorkflow';
export { itemKeyOf, commitment } from './money';
