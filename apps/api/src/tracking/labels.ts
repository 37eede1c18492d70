/** What a family reads: each stage in Bahasa Indonesia first, with English. */
export const STAGE_LABELS: Record<string, { id: string; en: string }> = {
  REPORTED: { id: 'Laporan diterima', en: 'Report received' },
  COVERAGE_CHECK: { id: 'Pemeriksaan kepesertaan BPJS', en: 'Checking BPJS membership' },
  COVERAGE_REVIEW: { id: 'Kepesertaan sedang ditinjau petugas', en: 'Membership under review by an officer' },
  AWAITING_VERIFICATION: { id: 'Menunggu verifikasi petugas', en: 'Waiting for the officer to verify' },
  INFO_REQUESTED: { id: 'Petugas meminta keterangan tambahan', en: 'The officer asked for more information' },
  DOCUMENTS: { id: 'Pengumpulan dan pemeriksaan dokumen', en: 'Collecting and checking documents' },
  BENEFIT_PROPOSAL: { id: 'Penghitungan manfaat', en: 'Calculating the benefit' },
  AWAITING_APPROVAL: { id: 'Menunggu persetujuan pembayaran', en: 'Waiting for payment approval' },
  PAYOUT: { id: 'Pembayaran sedang diproses', en: 'Payment in progress' },
  ACCOUNT_INVALID: {
    id: 'Rekening tidak valid: mohon perbaiki data rekening',
    en: 'Bank account invalid: please correct the account',
  },
  PAYEE_REVIEW: {
    id: 'Nama pemilik rekening sedang diperiksa petugas',
    en: 'The account holder name is being checked by an officer',
  },
  PAID: { id: 'Sudah dibayar', en: 'Paid' },
  INSTALLMENTS: {
    id: 'Dibayar; beasiswa/angsuran berjalan sesuai jadwal',
    en: 'Paid; scheduled payments continue',
  },
  CLOSED: { id: 'Selesai', en: 'Closed' },
  REJECTED: { id: 'Klaim ditolak', en: 'Claim rejected' },
  WITHDRAWN: { id: 'Klaim dibatalkan', en: 'Claim withdrawn' },
};

export function stageLabel(stage: string): { id: string; en: string } {
  return STAGE_LABELS[stage] ?? { id: stage, en: stage };
}
