/**
 * The coverage decision, pure: given everything the registry knows about one NIK, decide the outcome for an
 * incident date and a programme. Bounds are inclusive: the first and last day of a term or a coverage period are
 * inside it; a period that ended the day before the incident does not cover it.
 */
import { minIso, monthsBegun } from './months';
import type { CoverageProgram } from './rates';

export type CoverageOutcome = 'COVERED' | 'NOT_COVERED' | 'OUTSIDE_TERM' | 'NO_RECORD';

export interface RegistryAppointment {
  organisation: 'KPU' | 'BAWASLU';
  role: string;
  regionCode: string;
  tpsNumber: number | null;
  electionEvent: string;
  termStart: string;
  termEnd: string;
  coverage: RegistryCoverage | null;
}

export interface RegistryCoverage {
  participantNumber: string;
  jkk: boolean;
  jkm: boolean;
  start: string;
  end: string;
  wageBase: number;
  wageBaseSource: 'HONORARIUM' | 'UMP';
  segment: 'PU' | 'BPU';
  fundingSource: string;
  contributionStatus: 'PAID' | 'PENDING' | 'ARREARS';
}

export interface CoverageReason {
  code: string;
  message: string;
}

export interface CoverageDecision {
  outcome: CoverageOutcome;
  appointment: RegistryAppointment | null;
  coverage: RegistryCoverage | null;
  contributionMonths: number;
  reasons: CoverageReason[];
}

const within = (d: string, start: string, end: string) => start <= d && d <= end;
const hasProgram = (c: RegistryCoverage, p: CoverageProgram) => (p === 'JKK' ? c.jkk : c.jkm);

/** `appointments` null = no worker with that NIK. */
export function decideCoverage(
  appointments: RegistryAppointment[] | null,
  incidentDate: string,
  program: CoverageProgram,
): CoverageDecision {
  if (appointments === null) {
    return {
      outcome: 'NO_RECORD',
      appointment: null,
      coverage: null,
      contributionMonths: 0,
      reasons: [{ code: 'NO_WORKER', message: 'No ad-hoc worker with this NIK is in the registry' }],
    };
  }
  const months = contributionMonths(appointments, incidentDate, program);
  const onDuty = appointments.filter((a) => within(incidentDate, a.termStart, a.termEnd));
  if (onDuty.length === 0) {
    const nearest = nearestAppointment(appointments, incidentDate);
    const reasons: CoverageReason[] = [];
    if (!nearest) reasons.push({ code: 'NO_APPOINTMENT', message: 'The worker has no appointment in the registry' });
    else if (incidentDate < nearest.termStart)
      reasons.push({
        code: 'BEFORE_TERM',
        message: `The incident date is before the term of ${nearest.role} (${nearest.electionEvent}) starting ${nearest.termStart}`,
      });
    else
      reasons.push({
        code: 'AFTER_TERM',
        message: `The incident date is after the term of ${nearest.role} (${nearest.electionEvent}) ended ${nearest.termEnd}`,
      });
    return { outcome: 'OUTSIDE_TERM', appointment: nearest, coverage: null, contributionMonths: months, reasons };
  }

  // coverage of an on-duty appointment first; else any other period of the same participant covering the date
  const ordered = [...onDuty, ...appointments.filter((a) => !onDuty.includes(a))];
  for (const a of ordered) {
    const c = a.coverage;
    if (c && hasProgram(c, program) && within(incidentDate, c.start, c.end)) {
      const duty = onDuty.includes(a) ? a : onDuty[0];
      const reasons: CoverageReason[] = [
        {
          code: 'ENROLLED_AND_ON_DUTY',
          message: `On duty as ${duty.role} (${duty.electionEvent}) and enrolled in ${program} from ${c.start} to ${c.end}`,
        },
      ];
      if (duty !== a)
        reasons.push({
          code: 'COVERED_THROUGH_OTHER_APPOINTMENT',
          message: `The coverage period belongs to the appointment as ${a.role} (${a.electionEvent})`,
        });
      if (c.contributionStatus !== 'PAID')
        reasons.push({
          code: `CONTRIBUTION_${c.contributionStatus}`,
          message: `Contributions are ${c.contributionStatus.toLowerCase()}: the payer (${c.fundingSource}) must settle them`,
        });
      return { outcome: 'COVERED', appointment: duty, coverage: c, contributionMonths: months, reasons };
    }
  }

  const duty = onDuty[0];
  const reasons: CoverageReason[] = [];
  for (const a of onDuty) {
    const c = a.coverage;
    const what = `${a.role} (${a.electionEvent})`;
    if (!c) reasons.push({ code: 'NO_COVERAGE_PERIOD', message: `The appointment as ${what} has no BPJS coverage period` });
    else if (!hasProgram(c, program))
      reasons.push({ code: 'PROGRAM_NOT_COVERED', message: `The coverage of ${what} does not include ${program}` });
    else if (incidentDate > c.end)
      reasons.push({ code: 'COVERAGE_ENDED', message: `The coverage of ${what} ended on ${c.end}, before the incident` });
    else
      reasons.push({
        code: 'COVERAGE_NOT_STARTED',
        message: `The coverage of ${what} starts on ${c.start}, after the incident`,
      });
  }
  const shown = duty.coverage && hasProgram(duty.coverage, program) ? duty.coverage : null;
  return { outcome: 'NOT_COVERED', appointment: duty, coverage: shown, contributionMonths: months, reasons };
}

/** Months begun of every period of that programme that started on or before the incident, up to the incident. */
export function contributionMonths(appointments: RegistryAppointment[], incidentDate: string, program: CoverageProgram): number {
  let total = 0;
  for (const a of appointments) {
    const c = a.coverage;
    if (!c || !hasProgram(c, program) || c.start > incidentDate) continue;
    total += monthsBegun(c.start, minIso(c.end, incidentDate));
  }
  return total;
}

function nearestAppointment(appointments: RegistryAppointment[], d: string): RegistryAppointment | null {
  let best: RegistryAppointment | null = null;
  let bestDist = Infinity;
  for (const a of appointments) {
    const dist = d < a.termStart ? Date.parse(a.termStart) - Date.parse(d) : Date.parse(d) - Date.parse(a.termEnd);
    if (dist < bestDist) {
      bestDist = dist;
      best = a;
    }
  }
  return best;
}
