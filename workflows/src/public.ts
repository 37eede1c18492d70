/** What callers (the api, the worker, tests) import: types, message definitions and the workflow type name. */
export * from './types';
export * from './messages';
export type { ClaimActivities } from './activities';
export const INCIDENT_CLAIM_WORKFLOW = 'IncidentClaimWorkflow';
