import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { rupiah } from '../format';
import { useT } from '../i18n';
import { download, Notice, TextField } from './ui';

interface Job {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  fileName: string | null;
  counts: Record<string, number> & { rowsTotal: number; rowsAccepted: number; rowsRejected: number };
  error: { code: string; message: string } | null;
  rejects: { rowNumber: number; field: string; reason: string }[];
  rejectsTruncated: boolean;
}
interface GapReport {
  region: string;
  event: string;
  groupedBy: string;
  rates: { id: string; legalBasis: string };
  lines: {
    region: string;
    role: string;
    workers: number;
    covered: number;
    uncovered: number;
    budgetToClose: number;
  }[];
  totals: { workers: number; covered: number; uncovered: number; budgetToClose: number };
}
interface Budget {
  region: string;
  event: string;
  basis: string;
  rates: { id: string; legalBasis: string };
  lines: { role: string; headcount: number; personMonths: number; jkk: number; jkm: number; total: number }[];
  totals: { headcount: number; personMonths: number; jkk: number; jkm: number; total: number };
}

const csvCell = (v: unknown) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function CoveragePage() {
  const t = useT();
  return (
    <main id="main" className="page">
      <h1>{t('Kepesertaan dan anggaran', 'Coverage and budget')}</h1>
      <RosterImport />
      <Reports />
      <p className="muted" style={{ fontSize: '0.85rem' }}>
        {t('Data wilayah', 'Region data')}: idn-area-data (ODbL 1.0), Kepmendagri 300.2.2-2138/2025.
      </p>
      <span className="sr-only">{t('akhir halaman', 'end of page')}</span>
    </main>
  );
}

function RosterImport() {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!job || job.status !== 'RUNNING') return;
    const id = setInterval(async () => {
      try {
        setJob(
          await unwrap<Job>(api.GET('/api/v1/rosters/imports/{id}', { params: { path: { id: job.id } } })),
        );
      } catch {
        /* keep polling */
      }
    }, 1000);
    return () => clearInterval(id);
  }, [job]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const file = ref.current?.files?.[0];
    if (!file) return setError(t('Pilih berkas CSV.', 'Choose a CSV file.'));
    setError(null);
    setSending(true);
    try {
      setJob(
        await unwrap<Job>(
          api.POST('/api/v1/rosters/imports', {
            params: { query: { fileName: file.name } as never },
            body: file as never,
            bodySerializer: (b: unknown) => b as File,
            headers: { 'Content-Type': 'text/csv' },
          }),
        ),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : String(err));
    } finally {
      setSending(false);
    }
  }

  const c = job?.counts;
  const pct =
    c && c.rowsTotal
      ? Math.round(((c.rowsAccepted + c.rowsRejected) / c.rowsTotal) * 100)
      : job?.status === 'RUNNING'
        ? undefined
        : 100;
  return (
    <section className="panel" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('Impor daftar petugas (roster)', 'Roster import')}</h2>
      <form onSubmit={submit} className="row" noValidate>
        <label htmlFor="roster-file">{t('Berkas CSV (UTF-8)', 'CSV file (UTF-8)')}</label>
        <input
          id="roster-file"
          ref={ref}
          type="file"
          accept=".csv,text/csv"
          style={{ maxWidth: '20rem' }}
          aria-describedby="roster-err"
        />
        <button type="submit" className="primary" disabled={sending || job?.status === 'RUNNING'}>
          {t('Impor', 'Import')}
        </button>
      </form>
      <p id="roster-err" className="field-error">
        {error ?? ''}
      </p>
      {job && (
        <div aria-live="polite">
          <p>
            {t('Status', 'Status')}: <strong>{job.status}</strong> {job.fileName && `(${job.fileName})`}
          </p>
          <progress
            max={100}
            value={pct}
            aria-label={t('Kemajuan impor', 'Import progress')}
            style={{ width: '100%' }}
          />
          {c && (
            <p>
              {t('Baris', 'Rows')}: {c.rowsTotal} · {t('diterima', 'accepted')} {c.rowsAccepted} ·{' '}
              {t('ditolak', 'rejected')} {c.rowsRejected}
            </p>
          )}
          {job.error && <Notice kind="error">{job.error.message}</Notice>}
          {job.rejects.length > 0 && (
            <button
              type="button"
              onClick={() =>
                download(
                  `rejects-${job.id}.csv`,
                  [
                    'row,field,reason',
                    ...job.rejects.map((r) => [r.rowNumber, r.field, r.reason].map(csvCell).join(',')),
                  ].join('\n'),
                )
              }
            >
              {t('Unduh laporan baris ditolak', 'Download the rejects report')} ({job.rejects.length}
              {job.rejectsTruncated ? '+' : ''})
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function Reports() {
  const t = useT();
  const [region, setRegion] = useState('3273');
  const [event, setEvent] = useState('PEMILU_2024');
  const [gaps, setGaps] = useState<GapReport | null>(null);
  const [budget, setBudget] = useState<Budget | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const q = { params: { query: { region, event, format: 'json' as const } } };
      const [g, b] = await Promise.all([
        unwrap<GapReport>(api.GET('/api/v1/coverage/gaps', q)),
        unwrap<Budget>(api.GET('/api/v1/coverage/budget', q)),
      ]);
      setGaps(g);
      setBudget(b);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  }

  const max = Math.max(1, ...(gaps?.lines.map((l) => l.workers) ?? [1]));
  return (
    <section className="panel" aria-labelledby="gaps-title">
      <h2 id="gaps-title">
        {t('Celah kepesertaan dan anggaran iuran', 'Coverage gaps and contribution budget')}
      </h2>
      <form onSubmit={submit} className="filters" noValidate>
        <TextField
          label={t('Kode wilayah', 'Region code')}
          hint={t('provinsi, kab/kota, kecamatan', 'province, regency, district')}
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          error={error?.field('region')}
        />
        <TextField
          label={t('Pemilu/pilkada', 'Election event')}
          hint="PEMILU_2024, PILKADA_2024"
          value={event}
          onChange={(e) => setEvent(e.target.value.toUpperCase())}
          error={error?.field('event')}
        />
        <div className="field">
          <button type="submit" className="primary" disabled={busy}>
            {t('Tampilkan', 'Show')}
          </button>
          <p className="field-error" />
        </div>
      </form>
      {error && !error.errors.length && <Notice kind="error">{error.detail}</Notice>}
      {gaps && (
        <>
          <h3>{t('Celah kepesertaan', 'Coverage gaps')}</h3>
          <figure style={{ margin: 0 }}>
            <svg
              role="img"
              aria-labelledby="gap-chart-title"
              viewBox={`0 0 600 ${Math.max(1, gaps.lines.length) * 26 + 10}`}
              width="100%"
              style={{ maxWidth: '600px' }}
            >
              <title id="gap-chart-title">
                {t(
                  'Petugas terdaftar dan belum terdaftar per wilayah dan jabatan',
                  'Covered and uncovered workers per region and role',
                )}
              </title>
              {gaps.lines.map((l, i) => {
                const w = 360;
                const cw = (l.covered / max) * w;
                const uw = (l.uncovered / max) * w;
                return (
                  <g key={`${l.region}-${l.role}`} transform={`translate(0 ${i * 26 + 5})`}>
                    <text x="0" y="15" fontSize="12">
                      {`${l.region} ${l.role}`.slice(0, 28)}
                    </text>
                    <rect className="bar" x="200" y="3" width={cw} height="16" />
                    <rect className="bar gap" x={200 + cw} y="3" width={uw} height="16" />
                    <text x={205 + cw + uw} y="15" fontSize="12">{`${l.covered}/${l.workers}`}</text>
                  </g>
                );
              })}
            </svg>
            <figcaption className="muted">
              <span style={{ color: 'var(--brand)' }}>■</span> {t('terdaftar', 'covered')}{' '}
              <span style={{ color: 'var(--err)' }}>■</span> {t('belum terdaftar', 'uncovered')}
            </figcaption>
          </figure>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('Celah kepesertaan', 'Coverage gaps')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Wilayah', 'Region')}</th>
                  <th scope="col">{t('Jabatan', 'Role')}</th>
                  <th scope="col" className="num">
                    {t('Petugas', 'Workers')}
                  </th>
                  <th scope="col" className="num">
                    {t('Terdaftar', 'Covered')}
                  </th>
                  <th scope="col" className="num">
                    {t('Belum', 'Uncovered')}
                  </th>
                  <th scope="col" className="num">
                    {t('Anggaran menutup celah', 'Budget to close')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {gaps.lines.map((l) => (
                  <tr key={`${l.region}-${l.role}`}>
                    <td>{l.region}</td>
                    <td>{l.role}</td>
                    <td className="num">{l.workers}</td>
                    <td className="num">{l.covered}</td>
                    <td className="num">{l.uncovered}</td>
                    <td className="num">{rupiah(l.budgetToClose)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td className="num">{gaps.totals.workers}</td>
                  <td className="num">{gaps.totals.covered}</td>
                  <td className="num">{gaps.totals.uncovered}</td>
                  <td className="num">{rupiah(gaps.totals.budgetToClose)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted">{gaps.rates.legalBasis}</p>
        </>
      )}
      {budget && (
        <>
          <h3>{t('Anggaran iuran', 'Contribution budget')}</h3>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('Anggaran iuran', 'Contribution budget')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Jabatan', 'Role')}</th>
                  <th scope="col" className="num">
                    {t('Orang', 'Headcount')}
                  </th>
                  <th scope="col" className="num">
                    {t('Orang-bulan', 'Person-months')}
                  </th>
                  <th scope="col" className="num">
                    JKK
                  </th>
                  <th scope="col" className="num">
                    JKM
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {budget.lines.map((l) => (
                  <tr key={l.role}>
                    <td>{l.role}</td>
                    <td className="num">{l.headcount}</td>
                    <td className="num">{l.personMonths}</td>
                    <td className="num">{rupiah(l.jkk)}</td>
                    <td className="num">{rupiah(l.jkm)}</td>
                    <td className="num">{rupiah(l.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="num">{budget.totals.headcount}</td>
                  <td className="num">{budget.totals.personMonths}</td>
                  <td className="num">{rupiah(budget.totals.jkk)}</td>
                  <td className="num">{rupiah(budget.totals.jkm)}</td>
                  <td className="num">{rupiah(budget.totals.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted">{budget.basis}</p>
        </>
      )}
    </section>
  );
}
