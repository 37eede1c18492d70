import type { DataSource } from 'typeorm';
import { hashPassword } from './password';
import { Role } from './roles';

/** The password of every demo user. Demo users exist only outside production (npm start seeds them). */
export const DEMO_PASSWORD = 'sigap-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  regions: string[];
  branchCode: string | null;
}

/** Kota Bandung (32.73) and Kabupaten Bandung (32.04), West Java (32); the BPJS branch serves both. */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'kpu.kotabandung',
    displayName: 'Operator KPU Kota Bandung',
    role: Role.KPU_OPERATOR,
    regions: ['3273'],
    branchCode: null,
  },
  {
    username: 'kpu.jabar',
    displayName: 'Operator KPU Provinsi Jawa Barat',
    role: Role.KPU_OPERATOR,
    regions: ['32'],
    branchCode: null,
  },
  {
    username: 'kpu.approver',
    displayName: 'Pejabat KPU Provinsi Jawa Barat',
    role: Role.KPU_APPROVER,
    regions: ['32'],
    branchCode: null,
  },
  {
    username: 'bpjs.officer',
    displayName: 'Petugas Klaim BPJS Bandung Suci',
    role: Role.BPJS_OFFICER,
    regions: ['3273', '3204'],
    branchCode: 'BDG-SUCI',
  },
  {
    username: 'bpjs.officer2',
    displayName: 'Petugas Klaim 2 BPJS Bandung Suci',
    role: Role.BPJS_OFFICER,
    regions: ['3273', '3204'],
    branchCode: 'BDG-SUCI',
  },
  {
    username: 'bpjs.supervisor',
    displayName: 'Supervisor BPJS Bandung Suci',
    role: Role.BPJS_SUPERVISOR,
    regions: ['3273', '3204'],
    branchCode: 'BDG-SUCI',
  },
  {
    username: 'bpjs.supervisor2',
    displayName: 'Kepala Bidang BPJS Bandung Suci',
    role: Role.BPJS_SUPERVISOR,
    regions: ['3273', '3204'],
    branchCode: 'BDG-SUCI',
  },
  { username: 'admin', displayName: 'Administrator Sigap', role: Role.ADMIN, regions: [], branchCode: null },
];

/** Creates the demo users that do not exist yet (idempotent; never changes an existing user's password). */
export async function seedDemoUsers(ds: DataSource, users: DemoUser[] = DEMO_USERS): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const u of users) {
    const res: unknown[] = await ds.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, regions, branch_code)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, hash, u.displayName, u.role, u.regions, u.branchCode],
    );
    created += res.length;
  }
  return created;
}
