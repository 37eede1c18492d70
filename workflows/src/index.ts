/** Entry point of the workflow bundle: every workflow function the worker registers. */
export { IncidentClaimWorkflow } from './incident-claim.workflow';
export { ClaimInstallmentsWorkflow } from './installments.workflow';
export { NoopWorkflow } from './noop.workflow';
