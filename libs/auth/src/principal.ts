import { Role } from './roles';

/** The authenticated user as the api sees it: who, which role, and which regions they may see. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** Kemendagri province (2-digit) or kab/kota (4-digit) codes; empty for ADMIN (everything) */
  regions: string[];
  /** BPJS branch (kantor cabang) of officers and supervisors */
  branchCode: string | null;
}

/**
 * Whether a principal may see or act on something located in the given region (a kab/kota, kecamatan or desa
 * code, undotted). ADMIN sees everything; everyone else only codes under one of their regions.
 */
export function inScope(p: Pick<Principal, 'role' | 'regions'>, regionCode: string): boolean {
  if (p.role === Role.ADMIN) return true;
  return p.regions.some((r) => regionCode.startsWith(r));
}

/** A SQL-friendly form of the scope: the list of prefixes, or null for "everything". */
export function scopePrefixes(p: Pick<Principal, 'role' | 'regions'>): string[] | null {
  return p.role === Role.ADMIN ? null : p.regions;
}
