import { useEffect, useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import type { ClaimPage, User } from '../api/types';
import { STAGES, date, rupiah, stageName } from '../format';
import { useLang, useT } from '../i18n';
import { Link } from '../router';
import { dotted } from './regions';
import { Notice, SelectField } from './ui';

const DAY = 86400e3;

/** Due soon: the payment deadline is today or within the next 2 days. */
export function deadlineState(deadline: string | null, overdue: boolean): 'overdue' | 'due-soon' | null {
  if (overdue) return 'overdue';
  if (!deadline) return null;
  const left = Date.parse(`${deadline}T23:59:59+07:00`) - Date.now();
  return left >= 0 && left < 3 * DAY ? 'due-soon' : null;
}

export function ClaimList({ user, approvals = false }: { user: User; approvals?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const staffBpjs = user.role === 'BPJS_OFFICER' || user.role === 'BPJS_SUPERVISOR';
  const [stage, setStage] = useState(approvals ? 'AWAITING_APPROVAL' : '');
  const [program, setProgram] = useState('');
  const [assignee, setAssignee] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [sort, setSort] = useState<'createdAt' | 'paymentDeadline'>('createdAt');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ClaimPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => setStage(approvals ? 'AWAITING_APPROVAL' : ''), [approvals]);

  useEffect(() => {
    let live = true;
    setError(null);
    unwrap<ClaimPage>(
      api.GET('/api/v1/claims', {
        params: {
          query: {
            ...(stage ? { stage } : {}),
            ...(program ? { program: program as never } : {}),
            ...(assignee ? { assignee } : {}),
            ...(overdue ? { overdue: 'true' as const } : {}),
            sort,
            order: sort === 'paymentDeadline' ? 'asc' : 'desc',
            page,
            pageSize: 20,
          },
        },
      }),
    ).then(
      (d) => live && setData(d),
      (e) => live && setError(e instanceof ApiError ? e.detail : String(e)),
    );
    return () => {
      live = false;
    };
  }, [stage, program, assignee, overdue, sort, page, tick]);

  async function take(claimNumber: string) {
    setMsg(null);
    try {
      await unwrap(
        api.POST('/api/v1/claims/{claimNumber}/assignment', { params: { path: { claimNumber } }, body: {} }),
      );
      setMsg(t(`${claimNumber} sekarang ditangani oleh Anda.`, `${claimNumber} is now assigned to you.`));
      setTick((x) => x + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    }
  }

  const title = approvals
    ? t('Persetujuan pembayaran', 'Payment approvals')
    : user.role === 'KPU_OPERATOR'
      ? t('Klaim wilayah saya', 'My region’s claims')
      : t('Antrean kerja', 'Work queue');
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <main id="main" className="page">
      <h1>{title}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('Saring', 'Filters')}>
        <SelectField
          label={t('Tahap', 'Stage')}
          value={stage}
          onChange={(e) => {
            setStage(e.target.value);
            setPage(1);
          }}
          placeholder={t('Semua tahap', 'All stages')}
          options={Object.keys(STAGES).map((s) => ({ value: s, label: stageName(s, lang) }))}
        />
        <SelectField
          label={t('Program', 'Programme')}
          value={program}
          onChange={(e) => {
            setProgram(e.target.value);
            setPage(1);
          }}
          placeholder={t('Semua', 'All')}
          options={['JKM_DEATH', 'JKK_DEATH', 'JKK_ACCIDENT', 'KPU_SANTUNAN'].map((p) => ({
            value: p,
            label: p,
          }))}
        />
        {staffBpjs && (
          <SelectField
            label={t('Ditangani', 'Assigned')}
            value={assignee}
            onChange={(e) => {
              setAssignee(e.target.value);
              setPage(1);
            }}
            placeholder={t('Semua', 'All')}
            options={[
              { value: 'me', label: t('Saya', 'Me') },
              { value: 'none', label: t('Belum ada', 'Nobody') },
            ]}
          />
        )}
        <SelectField
          label={t('Urutkan', 'Sort')}
          value={sort}
          onChange={(e) => setSort(e.target.value as typeof sort)}
          options={[
            { value: 'createdAt', label: t('Terbaru', 'Newest') },
            { value: 'paymentDeadline', label: t('Tenggat bayar', 'Payment deadline') },
          ]}
        />
        <div className="field">
          <label className="row" style={{ fontWeight: 600 }}>
            <input
              type="checkbox"
              checked={overdue}
              onChange={(e) => {
                setOverdue(e.target.checked);
                setPage(1);
              }}
            />{' '}
            {t('Hanya yang lewat tenggat', 'Overdue only')}
          </label>
          <p className="field-error" />
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {msg && <Notice kind="ok">{msg}</Notice>}
      <p className="muted" aria-live="polite">
        {data ? t(`${data.total} klaim`, `${data.total} claims`) : t('Memuat…', 'Loading…')}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Nomor klaim', 'Claim')}</th>
              <th scope="col">{t('Tahap', 'Stage')}</th>
              <th scope="col">{t('Jenis', 'Type')}</th>
              <th scope="col">{t('Wilayah', 'Region')}</th>
              <th scope="col">{t('Kejadian', 'Occurred')}</th>
              <th scope="col">{t('Tenggat bayar', 'Pay by')}</th>
              <th scope="col" className="num">
                {t('Manfaat', 'Benefit')}
              </th>
              {staffBpjs && <th scope="col">{t('Ditangani', 'Assigned')}</th>}
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((c) => {
              const due = deadlineState(c.paymentDeadline, c.overdue);
              return (
                <tr key={c.claimNumber} className={due ?? undefined}>
                  <td>
                    <Link href={`/klaim/${c.claimNumber}`}>{c.claimNumber}</Link>
                    {c.lateReport && (
                      <span className="badge warn"> {t('terlambat lapor', 'late report')}</span>
                    )}
                  </td>
                  <td>{stageName(c.stage, lang)}</td>
                  <td>
                    {c.determination ??
                      (c.incidentType === 'DEATH' ? t('Meninggal', 'Death') : t('Kecelakaan', 'Accident'))}
                  </td>
                  <td>{dotted(c.regionCode)}</td>
                  <td>{date(c.occurredAt, lang)}</td>
                  <td>
                    {date(c.paymentDeadline, lang)}{' '}
                    {due === 'overdue' && <span className="badge err">{t('lewat tenggat', 'overdue')}</span>}
                    {due === 'due-soon' && <span className="badge warn">{t('segera', 'due soon')}</span>}
                  </td>
                  <td className="num">{rupiah(c.benefitTotal)}</td>
                  {staffBpjs && (
                    <td>
                      {c.assignee ?? (
                        <button
                          type="button"
                          onClick={() => void take(c.claimNumber)}
                          aria-label={t(`Ambil ${c.claimNumber}`, `Take ${c.claimNumber}`)}
                        >
                          {t('Ambil', 'Take')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="row" aria-label={t('Halaman', 'Pages')} style={{ marginTop: '0.5rem' }}>
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('Sebelumnya', 'Previous')}
        </button>
        <span>
          {page} / {pages}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('Berikutnya', 'Next')}
        </button>
      </nav>
    </main>
  );
}
