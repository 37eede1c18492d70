/** Entry point of the workflow bundle: every workflow function the worker registers. */
export { IncidentClaimWorkflow } from './incident-claim.workflow';
