/**
 * @sigap/domain — pure, cited, effective-dated rules for BPJS Ketenagakerjaan JKK/JKM claims of election ad-hoc
 * workers. No I/O, no framework imports, deterministic (dates are inputs). See docs/domain.md.
 */
export * from './errors';
export * from './date';
export * from './money';
export * from './rulesets';
export * from './benefits/types';
export * from './benefits/disability-table';
export { computeScholarship, maxScholarshipPerChild, type ScholarshipOutcome } from './benefits/scholarship';
export {
  calculateBenefits,
  calculateJkm,
  calculateJkk,
  resolvePolicy,
  jkmDeathBenefitTotal,
} from './benefits/calculator';
export {
  calculateKpuSantunan,
  kpuScheduleFor,
  KPU_SANTUNAN_2024,
  KPU_SANTUNAN_SCHEDULES,
  type KpuSantunanSchedule,
} from './benefits/kpu';
export * from './eligibility/eligibility';
export * from './documents/checklist';
export * from './heirs/heirs';
export * from './nik/nik';
export * from './regions/region-code';
export * from './regions/directory';
export { PROVINCE_NAMES, REGENCY_NAMES, REGION_DATA_SOURCE } from './regions/region-names.generated';
export * from './calendar/holidays';
export * from './calendar/working-days';
export * from './calendar/payment';
export * from './payee/name-match';
