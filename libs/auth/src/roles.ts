/** The five roles of Sigap's users (issue #6). */
export enum Role {
  /** KPU staff: files incidents and uploads documents in their kab/kota or province */
  KPU_OPERATOR = 'KPU_OPERATOR',
  /** KPU official approving payouts of the KPU santunan track */
  KPU_APPROVER = 'KPU_APPROVER',
  /** BPJS Ketenagakerjaan claims officer: verifies, reviews documents, proposes the benefit (branch regions) */
  BPJS_OFFICER = 'BPJS_OFFICER',
  /** BPJS supervisor: approves payouts (four-eyes) */
  BPJS_SUPERVISOR = 'BPJS_SUPERVISOR',
  ADMIN = 'ADMIN',
}

export const ALL_ROLES = Object.values(Role);
