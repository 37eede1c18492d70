import type { Lang } from './i18n';

const TZ = 'Asia/Jakarta';

export function rupiah(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return `Rp${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(n)}`;
}

export function date(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00+07:00`) : new Date(iso);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'long',
    timeZone: TZ,
  }).format(d);
}

export function dateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TZ,
  }).format(new Date(iso));
}

/** The stage names families and staff read (the same words as apps/api/src/tracking/labels.ts). */
export const STAGES: Record<string, { id: string; en: string }> = {
  REPORTED: { id: 'Laporan diterima', en: 'Report received' },
  COVERAGE_CHECK: { id: 'Pemeriksaan kepesertaan BPJS', en: 'Checking BPJS membership' },
  COVERAGE_REVIEW: { id: 'Kepesertaan sedang ditinjau petugas', en: 'Membership under review' },
  AWAITING_VERIFICATION: { id: 'Menunggu verifikasi petugas', en: 'Waiting for verification' },
  INFO_REQUESTED: { id: 'Petugas meminta keterangan tambahan', en: 'More information requested' },
  DOCUMENTS: { id: 'Pengumpulan dan pemeriksaan dokumen', en: 'Collecting and checking documents' },
  BENEFIT_PROPOSAL: { id: 'Penghitungan manfaat', en: 'Calculating the benefit' },
  AWAITING_APPROVAL: { id: 'Menunggu persetujuan pembayaran', en: 'Waiting for payment approval' },
  PAYOUT: { id: 'Pembayaran sedang diproses', en: 'Payment in progress' },
  ACCOUNT_INVALID: { id: 'Rekening tidak valid', en: 'Bank account invalid' },
  PAYEE_REVIEW: { id: 'Pemeriksaan nama pemilik rekening', en: 'Account holder check' },
  PAID: { id: 'Sudah dibayar', en: 'Paid' },
  INSTALLMENTS: { id: 'Dibayar; angsuran berjalan', en: 'Paid; installments continue' },
  CLOSED: { id: 'Selesai', en: 'Closed' },
  REJECTED: { id: 'Klaim ditolak', en: 'Claim rejected' },
  WITHDRAWN: { id: 'Klaim dibatalkan', en: 'Claim withdrawn' },
};

export function stageName(code: string, lang: Lang): string {
  return STAGES[code]?.[lang] ?? code;
}

/** The path a claim normally takes, for the family's timeline. */
export const MAIN_PATH = [
  'REPORTED',
  'COVERAGE_CHECK',
  'AWAITING_VERIFICATION',
  'DOCUMENTS',
  'BENEFIT_PROPOSAL',
  'AWAITING_APPROVAL',
  'PAYOUT',
  'PAID',
  'CLOSED',
];
