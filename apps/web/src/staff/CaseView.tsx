import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, formData, unwrap } from '../api/client';
import type { BenefitLine, CaseView as Case, DocumentState, User } from '../api/types';
import { date, dateTime, rupiah, stageName } from '../format';
import { useLang, useT } from '../i18n';
import { Link } from '../router';
import { session } from '../session';
import { deadlineState } from './ClaimList';
import { dotted } from './regions';
import { download, Notice, SelectField, TextArea, TextField } from './ui';

/** Stages that move on without a person: the case view refreshes itself while a claim is in one. */
const MOVING = ['REPORTED', 'COVERAGE_CHECK', 'PAYOUT', 'PAID'];
const BEFORE_PAYOUT = [
  'REPORTED',
  'COVERAGE_CHECK',
  'COVERAGE_REVIEW',
  'AWAITING_VERIFICATION',
  'INFO_REQUESTED',
  'DOCUMENTS',
  'BENEFIT_PROPOSAL',
  'AWAITING_APPROVAL',
];

type Run = (key: string, fn: () => Promise<unknown>, ok: string) => Promise<boolean>;
type Outcome = Record<string, { kind: 'error' | 'ok'; text: string } | undefined>;

const refusalText = (e: ApiError, t: (a: string, b: string) => string): string => {
  const prefix: Record<string, [string, string]> = {
    FourEyes: ['Ditolak server (aturan empat mata)', 'Refused by the server (four-eyes rule)'],
    NotAllowedInStage: ['Tidak diizinkan pada tahap ini', 'Not allowed in this stage'],
    Forbidden: ['Tidak berwenang', 'Not permitted'],
    InvalidCommand: ['Ditolak server', 'Refused by the server'],
    NotReady: ['Belum siap', 'Not ready'],
    Busy: [
      'Klaim sedang memproses langkah lain; coba lagi sebentar lagi',
      'The claim is processing another step; try again shortly',
    ],
  };
  const p = e.refusal ? prefix[e.refusal] : undefined;
  if (e.status === 0)
    return t('Tidak ada koneksi; tidak ada yang berubah.', 'No connection; nothing changed.');
  if (e.status === 403) return `${t('Tidak berwenang', 'Not permitted')}: ${e.detail}`;
  return p
    ? `${t(...p)}: ${e.detail}`
    : e.errors.length
      ? e.errors.map((f) => `${f.field}: ${f.message}`).join('; ')
      : e.detail;
};

export function CaseView({ user, claimNumber }: { user: User; claimNumber: string }) {
  const t = useT();
  const { lang } = useLang();
  const [c, setC] = useState<Case | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({});
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setC(
        await unwrap<Case>(api.GET('/api/v1/claims/{claimNumber}', { params: { path: { claimNumber } } })),
      );
      setLoadError(null);
    } catch (e) {
      setLoadError(
        e instanceof ApiError
          ? e.status === 404
            ? t('Klaim tidak ditemukan di wilayah Anda.', 'Claim not found in your scope.')
            : e.detail
          : String(e),
      );
    }
  }, [claimNumber]);

  useEffect(() => {
    void load();
  }, [load]);

  const stage = c?.state?.stage ?? c?.stage;
  // uploads from the family or the reporter arrive while the officer looks; a complete file moves on by itself
  const docs = c?.state?.documents ?? [];
  const settling = stage === 'DOCUMENTS' && docs.length > 0 && docs.every((d) => d.status === 'ACCEPTED');
  const waitingForUploads = stage === 'DOCUMENTS' && docs.some((d) => d.status === 'MISSING');
  useEffect(() => {
    if (!stage || !(MOVING.includes(stage) || settling || waitingForUploads)) return;
    const id = setInterval(() => void load(), MOVING.includes(stage) || settling ? 1500 : 2500);
    return () => clearInterval(id);
  }, [stage, settling, waitingForUploads, load]);

  const run: Run = async (key, fn, ok) => {
    setBusy(key);
    setOutcome((o) => ({ ...o, [key]: undefined }));
    try {
      await fn();
      setOutcome((o) => ({ ...o, [key]: { kind: 'ok', text: ok } }));
      await load();
      return true;
    } catch (e) {
      const a = e instanceof ApiError ? e : new ApiError(0, String(e));
      setOutcome((o) => ({ ...o, [key]: { kind: 'error', text: refusalText(a, t) } }));
      return false;
    } finally {
      setBusy(null);
    }
  };

  if (loadError)
    return (
      <main id="main" className="page">
        <h1>{claimNumber}</h1>
        <Notice kind="error">{loadError}</Notice>
        <Link href="/klaim">{t('Kembali ke daftar', 'Back to the list')}</Link>
      </main>
    );
  if (!c || !stage)
    return (
      <main id="main" className="page" aria-busy="true">
        <h1>{claimNumber}</h1>
        <div className="skeleton" aria-hidden="true" />
      </main>
    );

  const s = c.state;
  const role = user.role;
  const officer = role === 'BPJS_OFFICER';
  const approver = role === 'BPJS_SUPERVISOR' || role === 'KPU_APPROVER';
  const due = deadlineState(c.paymentDeadline, false);
  const msg = (key: string) =>
    outcome[key] && <Notice kind={outcome[key]!.kind}>{outcome[key]!.text}</Notice>;
  const path = { params: { path: { claimNumber } } };

  return (
    <main id="main" className="page">
      <p className="no-print">
        <Link href={approver ? '/persetujuan' : '/klaim'}>
          ← {t('Kembali ke daftar', 'Back to the list')}
        </Link>
      </p>
      <h1>
        {t('Klaim', 'Claim')} {c.claimNumber}
      </h1>
      <p className="row">
        <span>
          {t('Tahap', 'Stage')}: <strong data-testid="case-stage">{stageName(stage, lang)}</strong>
        </span>
        {s?.determination && <span className="badge ok">{s.determination}</span>}
        {c.track === 'KPU_SANTUNAN' && <span className="badge warn">KPU santunan</span>}
        {c.lateReport && <span className="badge warn">{t('terlambat lapor', 'late report')}</span>}
        {c.paymentDeadline && (
          <span>
            {t('Tenggat bayar', 'Pay by')} {date(c.paymentDeadline, lang)}{' '}
            {s?.paymentDeadlineMissed ? (
              <span className="badge err">{t('lewat tenggat', 'overdue')}</span>
            ) : (
              due && <span className="badge warn">{t('segera', 'due soon')}</span>
            )}
          </span>
        )}
      </p>
      <p className="row">
        <span>
          {t('Ditangani', 'Assigned to')}:{' '}
          <strong data-testid="assignee">{c.assignee ?? t('belum ada', 'nobody')}</strong>
        </span>
        {(officer || role === 'BPJS_SUPERVISOR') && c.assignee !== user.username && (
          <button
            type="button"
            disabled={!!busy}
            onClick={() =>
              void run(
                'assign',
                () => unwrap(api.POST('/api/v1/claims/{claimNumber}/assignment', { ...path, body: {} })),
                t('Klaim ini sekarang Anda tangani.', 'You now handle this claim.'),
              )
            }
          >
            {t('Tangani sendiri', 'Assign to me')}
          </button>
        )}
      </p>
      {msg('assign')}

      <div className="case-grid">
        <div>
          <Actions c={c} user={user} run={run} busy={busy} msg={msg} />
          <Documents c={c} user={user} run={run} busy={busy} msg={msg} />
          <Benefit c={c} />
        </div>
        <div>
          <Panel title={t('Insiden', 'Incident')}>
            <dl className="kv">
              <dt>{t('Jenis', 'Type')}</dt>
              <dd>
                {c.incident.incidentType === 'DEATH'
                  ? t('Meninggal dunia', 'Death')
                  : t('Kecelakaan', 'Accident')}
              </dd>
              <dt>{t('Waktu', 'When')}</dt>
              <dd>{dateTime(c.incident.occurredAt, lang)}</dd>
              <dt>{t('Dilaporkan', 'Reported')}</dt>
              <dd>{dateTime(c.incident.reportedAt, lang)}</dd>
              <dt>{t('Wilayah', 'Region')}</dt>
              <dd>
                {dotted(c.incident.regionCode)}
                {c.incident.tpsNumber ? `, TPS ${c.incident.tpsNumber}` : ''}
              </dd>
              <dt>{t('Jabatan', 'Role')}</dt>
              <dd>{c.incident.workerRole ?? '–'}</dd>
              <dt>{t('Tempat', 'Place')}</dt>
              <dd>{c.incident.place ?? '–'}</dd>
              <dt>{t('Kronologi', 'What happened')}</dt>
              <dd>{c.incident.chronology ?? '–'}</dd>
              <dt>{t('Tugas', 'Duty')}</dt>
              <dd>{c.incident.onDutyContext ?? '–'}</dd>
              <dt>{t('Faskes', 'Facility')}</dt>
              <dd>{c.incident.healthFacility ?? '–'}</dd>
              <dt>{t('Jumlah laporan', 'Reports')}</dt>
              <dd>{c.reportCount}</dd>
            </dl>
            {s?.lateReportConsequence && <p className="warn">{s.lateReportConsequence}</p>}
          </Panel>
          <Panel title={t('Hasil pemeriksaan kepesertaan', 'Coverage result')}>
            {s?.coverage ? (
              <dl className="kv">
                <dt>{t('Hasil', 'Outcome')}</dt>
                <dd>
                  <span
                    className={`badge ${s.coverage.outcome === 'COVERED' ? 'ok' : 'err'}`}
                    data-testid="coverage-outcome"
                  >
                    {s.coverage.outcome}
                  </span>
                </dd>
                <dt>{t('Program', 'Programme')}</dt>
                <dd>{s.coverage.program}</dd>
                <dt>{t('Upah dasar', 'Wage base')}</dt>
                <dd>
                  {rupiah(s.coverage.wageBase)}{' '}
                  {s.coverage.wageBaseSource && `(${s.coverage.wageBaseSource})`}
                </dd>
                <dt>{t('Masa tugas', 'Term')}</dt>
                <dd>
                  {date(s.coverage.termStart, lang)} – {date(s.coverage.termEnd, lang)}
                </dd>
                <dt>{t('Bulan iuran', 'Contribution months')}</dt>
                <dd>{s.coverage.contributionMonths}</dd>
                {s.coverage.reasons.map((r) => (
                  <dd key={r.code} style={{ gridColumn: '1 / -1' }} className="warn">
                    {r.message}
                  </dd>
                ))}
              </dl>
            ) : (
              <p className="muted">{t('Sedang diperiksa…', 'Being checked…')}</p>
            )}
            {s?.coverageReview && (
              <p>
                {t('Tinjauan', 'Review')}: {s.coverageReview.decision} — {s.coverageReview.reason} (
                {s.coverageReview.actor})
              </p>
            )}
            {s?.verification && (
              <p>
                {t('Verifikasi', 'Verification')}:{' '}
                {s.verification.onDuty ? t('sedang bertugas', 'on duty') : t('tidak bertugas', 'off duty')}
                {s.verification.workRelated !== undefined &&
                  `, ${s.verification.workRelated ? t('akibat kerja', 'work-related') : t('bukan akibat kerja', 'not work-related')}`}{' '}
                — {s.verification.reason} ({s.verification.actor})
              </p>
            )}
          </Panel>
          <Panel title={t('Riwayat (audit)', 'Audit timeline')}>
            <ol className="timeline">
              {c.timeline.map((e) => (
                <li key={e.seq} className="done">
                  <span className="dot" aria-hidden="true" />
                  <span className="what">
                    {e.type} <span className="muted">→ {stageName(e.stage, lang)}</span>
                  </span>
                  <span className="when">
                    {dateTime(e.at, lang)} · {e.actor}
                    {e.reason ? ` · “${e.reason}”` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </Panel>
        </div>
      </div>
    </main>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <section className="panel" aria-labelledby={`p-${id}`}>
      <h2 id={`p-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

interface PartProps {
  c: Case;
  user: User;
  run: Run;
  busy: string | null;
  msg(key: string): ReactNode;
}

/** The buttons the current stage allows for this role; the server's refusal is shown right under them. */
function Actions({ c, user, run, busy, msg }: PartProps) {
  const t = useT();
  const s = c.state;
  const stage = s?.stage ?? c.stage;
  const role = user.role;
  const officer = role === 'BPJS_OFFICER';
  const path = { params: { path: { claimNumber: c.claimNumber } } };
  const parts: ReactNode[] = [];

  if (stage === 'COVERAGE_REVIEW' && officer)
    parts.push(<CoverageReview key="cr" c={c} run={run} busy={busy} msg={msg} />);
  if (stage === 'AWAITING_VERIFICATION' && officer)
    parts.push(<Verify key="v" c={c} run={run} busy={busy} msg={msg} />);
  if (stage === 'INFO_REQUESTED' && s?.infoRequest)
    parts.push(
      <div key="info">
        <p>
          <strong>{t('Pertanyaan petugas', 'Officer’s question')}:</strong> {s.infoRequest.question}
        </p>
        {role === 'KPU_OPERATOR' && (
          <ReasonForm
            label={t('Jawaban', 'Answer')}
            button={t('Kirim jawaban', 'Send answer')}
            busy={busy === 'answer'}
            min={2}
            onSubmit={(answer) =>
              run(
                'answer',
                () =>
                  unwrap(api.POST('/api/v1/claims/{claimNumber}/info-answer', { ...path, body: { answer } })),
                t('Jawaban terkirim.', 'Answer sent.'),
              )
            }
          />
        )}
        {msg('answer')}
      </div>,
    );
  if (stage === 'BENEFIT_PROPOSAL' && officer)
    parts.push(
      <div key="propose">
        <p>
          {t(
            'Manfaat dihitung oleh aturan; periksa rinciannya lalu ajukan.',
            'The rules calculated the benefit; check the lines, then propose.',
          )}
        </p>
        <button
          type="button"
          className="primary"
          disabled={!!busy}
          onClick={() =>
            void run(
              'propose',
              () => unwrap(api.POST('/api/v1/claims/{claimNumber}/benefit/proposal', { ...path, body: {} })),
              t('Manfaat diajukan untuk persetujuan.', 'Benefit proposed for approval.'),
            )
          }
        >
          {t('Ajukan manfaat', 'Propose benefit')}
        </button>
        {msg('propose')}
      </div>,
    );
  if (stage === 'AWAITING_APPROVAL')
    parts.push(<Approval key="appr" c={c} user={user} run={run} busy={busy} msg={msg} />);
  // four-eyes: the officer who proposed the benefit does not designate where it goes (the server refuses it too)
  const proposer = s?.proposal?.actor === user.username;
  if (
    (role === 'KPU_OPERATOR' || (officer && !proposer)) &&
    (BEFORE_PAYOUT.includes(stage) || stage === 'ACCOUNT_INVALID' || stage === 'PAYEE_REVIEW')
  )
    parts.push(<Payee key="payee" c={c} run={run} busy={busy} msg={msg} />);
  if (stage === 'PAYEE_REVIEW' && (officer || role === 'KPU_APPROVER'))
    parts.push(<PayeeReview key="payee-review" c={c} run={run} busy={busy} msg={msg} />);
  if ((role === 'KPU_OPERATOR' || officer) && BEFORE_PAYOUT.includes(stage))
    parts.push(
      <details key="withdraw">
        <summary>{t('Batalkan klaim', 'Withdraw the claim')}</summary>
        <ReasonForm
          label={t('Alasan pembatalan', 'Reason for withdrawal')}
          button={t('Batalkan klaim', 'Withdraw')}
          danger
          busy={busy === 'withdraw'}
          onSubmit={(reason) =>
            run(
              'withdraw',
              () =>
                unwrap(api.POST('/api/v1/claims/{claimNumber}/withdrawal', { ...path, body: { reason } })),
              t('Klaim dibatalkan.', 'Claim withdrawn.'),
            )
          }
        />
        {msg('withdraw')}
      </details>,
    );
  if (['REJECTED', 'WITHDRAWN', 'CLOSED'].includes(stage) && (officer || role === 'BPJS_SUPERVISOR'))
    parts.push(
      <details key="reopen">
        <summary>{t('Buka kembali sebagai klaim baru', 'Reopen as a new claim')}</summary>
        <ReasonForm
          label={t('Alasan', 'Reason')}
          button={t('Buka kembali', 'Reopen')}
          busy={busy === 'reopen'}
          onSubmit={(reason) =>
            run(
              'reopen',
              () => unwrap(api.POST('/api/v1/claims/{claimNumber}/reopen', { ...path, body: { reason } })),
              t('Klaim baru dibuat.', 'A new claim was opened.'),
            )
          }
        />
        {msg('reopen')}
      </details>,
    );

  return (
    <Panel title={t('Tindakan', 'Actions')}>
      {parts.length ? (
        parts
      ) : (
        <p className="muted">
          {t('Tidak ada tindakan untuk Anda pada tahap ini.', 'Nothing for you to do in this stage.')}
        </p>
      )}
    </Panel>
  );
}

function ReasonForm({
  label,
  button,
  onSubmit,
  busy,
  danger,
  min = 5,
}: {
  label: string;
  button: string;
  onSubmit(v: string): Promise<boolean>;
  busy: boolean;
  danger?: boolean;
  min?: number;
}) {
  const t = useT();
  const [v, setV] = useState('');
  const [err, setErr] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (v.trim().length < min) return setErr(t(`Minimal ${min} karakter`, `At least ${min} characters`));
        void onSubmit(v.trim()).then((ok) => ok && setV(''));
      }}
      noValidate
    >
      <TextArea
        label={label}
        value={v}
        onChange={(e) => {
          setV(e.target.value);
          setErr(null);
        }}
        error={err}
      />
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
        {button}
      </button>
    </form>
  );
}

function CoverageReview({ c, run, busy, msg }: Omit<PartProps, 'user'>) {
  const t = useT();
  const [decision, setDecision] = useState('CONFIRM_NOT_COVERED');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          'coverage',
          () =>
            unwrap(
              api.POST('/api/v1/claims/{claimNumber}/coverage-review', {
                params: { path: { claimNumber: c.claimNumber } },
                body: {
                  decision: decision as 'CONFIRM_NOT_COVERED',
                  reason,
                  ...(evidence ? { evidence } : {}),
                },
              }),
            ),
          t('Tinjauan kepesertaan tersimpan.', 'Coverage review saved.'),
        );
      }}
    >
      <h3>{t('Tinjau kepesertaan', 'Review coverage')}</h3>
      <SelectField
        label={t('Keputusan', 'Decision')}
        value={decision}
        onChange={(e) => setDecision(e.target.value)}
        options={[
          {
            value: 'CONFIRM_NOT_COVERED',
            label: t('Tidak terdaftar → santunan KPU', 'Not covered → KPU santunan'),
          },
          { value: 'OVERRIDE_COVERED', label: t('Terdaftar (dengan bukti)', 'Covered (with evidence)') },
        ]}
      />
      <TextArea label={t('Alasan', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      {decision === 'OVERRIDE_COVERED' && (
        <TextField
          label={t('Bukti', 'Evidence')}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
        />
      )}
      <button className="primary" type="submit" disabled={!!busy}>
        {t('Simpan tinjauan', 'Save review')}
      </button>
      {msg('coverage')}
    </form>
  );
}

function Verify({ c, run, busy, msg }: Omit<PartProps, 'user'>) {
  const t = useT();
  const death = c.incident.incidentType === 'DEATH';
  const [decision, setDecision] = useState<'ACCEPT' | 'REJECT' | 'REQUEST_INFO'>('ACCEPT');
  const [onDuty, setOnDuty] = useState(true);
  const [workRelated, setWorkRelated] = useState<'' | 'yes' | 'no'>('');
  const [reason, setReason] = useState('');
  const [question, setQuestion] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  function submit(e: FormEvent) {
    e.preventDefault();
    const v: Record<string, string> = {};
    if (reason.trim().length < 5)
      v.reason = t('Alasan minimal 5 karakter', 'The reason needs at least 5 characters');
    if (decision === 'ACCEPT' && death && !workRelated)
      v.workRelated = t('Pilih apakah akibat kerja', 'Choose whether it was caused by work');
    if (decision === 'REQUEST_INFO' && question.trim().length < 5)
      v.question = t('Tulis pertanyaannya', 'Write the question');
    setErrs(v);
    if (Object.keys(v).length) return;
    void run(
      'verify',
      () =>
        unwrap(
          api.POST('/api/v1/claims/{claimNumber}/verification', {
            params: { path: { claimNumber: c.claimNumber } },
            body: {
              decision,
              reason: reason.trim(),
              ...(decision === 'ACCEPT'
                ? { onDuty, ...(death ? { workRelated: workRelated === 'yes' } : {}) }
                : {}),
              ...(decision === 'REQUEST_INFO' ? { question: question.trim() } : {}),
            },
          }),
        ),
      t('Verifikasi tersimpan.', 'Verification saved.'),
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('Verifikasi', 'Verification')}</h3>
      <SelectField
        label={t('Keputusan', 'Decision')}
        value={decision}
        onChange={(e) => setDecision(e.target.value as typeof decision)}
        options={[
          { value: 'ACCEPT', label: t('Terima', 'Accept') },
          { value: 'REQUEST_INFO', label: t('Minta keterangan', 'Ask for information') },
          { value: 'REJECT', label: t('Tolak', 'Reject') },
        ]}
      />
      {decision === 'ACCEPT' && (
        <>
          <div className="field">
            <label className="row">
              <input type="checkbox" checked={onDuty} onChange={(e) => setOnDuty(e.target.checked)} />{' '}
              {t('Sedang menjalankan tugas', 'On duty')}
            </label>
          </div>
          {death && (
            <SelectField
              label={t('Penyebab kematian', 'Cause of death')}
              value={workRelated}
              onChange={(e) => setWorkRelated(e.target.value as typeof workRelated)}
              placeholder={t('— pilih —', '— choose —')}
              options={[
                { value: 'no', label: t('Bukan akibat kerja (JKM)', 'Not caused by work (JKM)') },
                { value: 'yes', label: t('Akibat kerja (JKK)', 'Caused by work (JKK)') },
              ]}
              error={errs.workRelated}
            />
          )}
        </>
      )}
      {decision === 'REQUEST_INFO' && (
        <TextArea
          label={t('Pertanyaan untuk pelapor', 'Question for the reporter')}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          error={errs.question}
        />
      )}
      <TextArea
        label={t('Alasan', 'Reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errs.reason}
      />
      <button className="primary" type="submit" disabled={!!busy}>
        {t('Simpan verifikasi', 'Save verification')}
      </button>
      {msg('verify')}
    </form>
  );
}

function Approval({ c, user, run, busy, msg }: PartProps) {
  const t = useT();
  const s = c.state!;
  const proposer = s.proposal?.actor;
  const mayDecide = user.role === 'BPJS_SUPERVISOR' || user.role === 'KPU_APPROVER';
  const already = s.approvals.some((a) => a.actor === user.username);
  const path = { params: { path: { claimNumber: c.claimNumber } } };
  return (
    <section aria-labelledby="four-eyes">
      <h3 id="four-eyes">{t('Persetujuan (aturan empat mata)', 'Approval (four-eyes rule)')}</h3>
      <ul data-testid="four-eyes-rule">
        <li>
          {t('Diajukan oleh', 'Proposed by')} <strong>{proposer ?? '–'}</strong>;{' '}
          {t('pengusul tidak boleh menyetujui.', 'the proposer may never approve.')}
        </li>
        <li>
          {t('Persetujuan', 'Approvals')}:{' '}
          <strong data-testid="approval-count">
            {s.approvals.length} / {s.approvalsRequired}
          </strong>
          {s.approvalsRequired > 1 &&
            ` — ${t('di atas Rp100.000.000 perlu dua penyetuju yang berbeda.', 'above Rp100.000.000 two different approvers are needed.')}`}
        </li>
        {s.approvals.map((a) => (
          <li key={a.actor}>
            ✓ {a.actor} ({a.role})
          </li>
        ))}
        <li>
          {t('Rekening pembayaran', 'Payout account')}:{' '}
          {s.payoutAccount?.masked ?? <span className="warn">{t('belum ada', 'none yet')}</span>}
        </li>
      </ul>
      {mayDecide && (proposer === user.username || already) && (
        <p className="warn">
          {already
            ? t(
                'Anda sudah menyetujui klaim ini; penyetuju kedua harus orang lain.',
                'You already approved this claim; the second approver must be someone else.',
              )
            : t('Anda pengusul klaim ini.', 'You proposed this claim.')}
        </p>
      )}
      {mayDecide ? (
        <>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={!!busy}
              onClick={() =>
                void run(
                  'approval',
                  () =>
                    unwrap(
                      api.POST('/api/v1/claims/{claimNumber}/approval', {
                        ...path,
                        body: { decision: 'APPROVE' },
                      }),
                    ),
                  t('Disetujui.', 'Approved.'),
                )
              }
            >
              {t('Setujui pembayaran', 'Approve payment')}
            </button>
          </div>
          <details>
            <summary>{t('Kembalikan ke petugas', 'Send back to the officer')}</summary>
            <ReasonForm
              label={t('Alasan pengembalian', 'Reason for sending back')}
              button={t('Kembalikan', 'Send back')}
              busy={busy === 'approval'}
              onSubmit={(reason) =>
                run(
                  'approval',
                  () =>
                    unwrap(
                      api.POST('/api/v1/claims/{claimNumber}/approval', {
                        ...path,
                        body: { decision: 'SEND_BACK', reason },
                      }),
                    ),
                  t('Dikembalikan ke petugas.', 'Sent back to the officer.'),
                )
              }
            />
          </details>
          {msg('approval')}
        </>
      ) : (
        <p className="muted">{t('Menunggu supervisor.', 'Waiting for a supervisor.')}</p>
      )}
    </section>
  );
}

/** The bank's holder name did not match the heir or worker: the officer accepts the account, or asks for another. */
function PayeeReview({ c, run, busy, msg }: Omit<PartProps, 'user'>) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | undefined>();
  const decide = (decision: 'ACCEPT' | 'REJECT_ACCOUNT') => {
    if (reason.trim().length < 5) {
      setErr(t('Alasan wajib diisi (minimal 5 huruf)', 'A reason is required (at least 5 characters)'));
      return;
    }
    setErr(undefined);
    void run(
      'payee-review',
      () =>
        unwrap(
          api.POST('/api/v1/claims/{claimNumber}/payee-review', {
            params: { path: { claimNumber: c.claimNumber } },
            body: { decision, reason: reason.trim() },
          }),
        ),
      decision === 'ACCEPT'
        ? t('Rekening diterima; pembayaran dilanjutkan.', 'Account accepted; the payout continues.')
        : t('Rekening ditolak; menunggu rekening baru.', 'Account refused; waiting for a new account.'),
    );
  };
  return (
    <div data-testid="payee-review">
      <p>
        {t(
          'Nama pemilik rekening menurut bank tidak cocok dengan ahli waris atau petugas. Periksa bukti, lalu putuskan.',
          "The bank's account holder name does not match the heir or the worker. Check the evidence, then decide.",
        )}
      </p>
      <TextField
        label={t('Alasan keputusan', 'Reason for the decision')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={err}
      />
      <button type="button" disabled={!!busy} onClick={() => decide('ACCEPT')}>
        {t('Terima rekening', 'Accept the account')}
      </button>{' '}
      <button type="button" disabled={!!busy} onClick={() => decide('REJECT_ACCOUNT')}>
        {t('Minta rekening lain', 'Ask for another account')}
      </button>
      {msg('payee-review')}
    </div>
  );
}

function Payee({ c, run, busy, msg }: Omit<PartProps, 'user'>) {
  const t = useT();
  const s = c.state;
  const [bankCode, setBank] = useState('BNI');
  const [accountNumber, setAcc] = useState('');
  const [holderName, setHolder] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [open, setOpen] = useState(!s?.payoutAccount || s.stage === 'ACCOUNT_INVALID');
  return (
    <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        {t('Rekening pembayaran', 'Payout account')}: {s?.payoutAccount?.masked ?? t('belum ada', 'none yet')}
      </summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const v: Record<string, string> = {};
          if (!/^[A-Z0-9]{2,12}$/.test(bankCode))
            v.bankCode = t('Kode bank 2–12 huruf/angka', 'Bank code of 2–12 letters/digits');
          if (!/^\d{6,20}$/.test(accountNumber))
            v.accountNumber = t('Nomor rekening 6–20 angka', 'Account number of 6–20 digits');
          if (holderName.trim().length < 2)
            v.holderName = t('Nama pemilik rekening wajib diisi', 'The account holder is required');
          setErrs(v);
          if (Object.keys(v).length) return;
          void run(
            'payee',
            () =>
              unwrap(
                api.POST('/api/v1/claims/{claimNumber}/payee', {
                  params: { path: { claimNumber: c.claimNumber } },
                  body: { bankCode, accountNumber, holderName: holderName.trim() },
                }),
              ),
            t('Rekening tersimpan (disamarkan).', 'Account saved (masked).'),
          ).then((ok) => ok && setAcc(''));
        }}
      >
        <div className="grid2">
          <TextField
            label={t('Kode bank', 'Bank code')}
            value={bankCode}
            onChange={(e) => setBank(e.target.value.toUpperCase())}
            error={errs.bankCode}
          />
          <TextField
            label={t('Nomor rekening', 'Account number')}
            inputMode="numeric"
            autoComplete="off"
            value={accountNumber}
            onChange={(e) => setAcc(e.target.value.replace(/\D/g, ''))}
            error={errs.accountNumber}
          />
          <TextField
            label={t('Nama pemilik rekening', 'Account holder')}
            value={holderName}
            onChange={(e) => setHolder(e.target.value)}
            error={errs.holderName}
          />
        </div>
        <button type="submit" disabled={!!busy}>
          {t('Simpan rekening', 'Save account')}
        </button>
        {msg('payee')}
      </form>
    </details>
  );
}

const DOC_STATUS: Record<string, [string, string, string]> = {
  MISSING: ['belum ada', 'missing', 'warn'],
  UPLOADED: ['menunggu diperiksa', 'to review', 'warn'],
  ACCEPTED: ['diterima', 'accepted', 'ok'],
  REJECTED: ['ditolak', 'rejected', 'err'],
};

function Documents({ c, user, run, busy, msg }: PartProps) {
  const t = useT();
  const s = c.state;
  const [preview, setPreview] = useState<{ code: string; url: string; type: string } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  if (!s || !s.documents.length)
    return (
      <Panel title={t('Dokumen', 'Documents')}>
        <p className="muted">
          {t('Daftar dokumen tersedia setelah verifikasi.', 'The checklist is available after verification.')}
        </p>
      </Panel>
    );
  const officer = user.role === 'BPJS_OFFICER';
  const mayUpload = (officer || user.role === 'KPU_OPERATOR') && s.stage === 'DOCUMENTS';

  async function show(d: DocumentState) {
    setPreviewError(null);
    const res = await fetch(`/api/v1/claims/${c.claimNumber}/documents/${d.uploadId}/file`, {
      headers: { Authorization: `Bearer ${await session.token()}` },
    }).catch(() => null);
    if (!res?.ok) return setPreviewError(t('Dokumen gagal dimuat.', 'The document failed to load.'));
    const blob = await res.blob();
    // images inline (as data: URLs, allowed by the api's CSP); PDFs are downloaded
    if (blob.type.startsWith('image/')) {
      const url = await new Promise<string>((r) => {
        const fr = new FileReader();
        fr.onload = () => r(String(fr.result));
        fr.readAsDataURL(blob);
      });
      setPreview({ code: d.code, url, type: blob.type });
    } else {
      download(`${c.claimNumber}-${d.code}.pdf`, blob);
      setPreview({ code: d.code, url: '', type: blob.type });
    }
  }

  return (
    <Panel title={t('Dokumen', 'Documents')}>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('Daftar periksa dokumen', 'Document checklist')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Dokumen', 'Document')}</th>
              <th scope="col">{t('Status', 'Status')}</th>
              <th scope="col">{t('Tindakan', 'Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.documents.map((d) => {
              const st = DOC_STATUS[d.status] ?? [d.status, d.status, ''];
              return (
                <tr key={d.code} data-doc={d.code}>
                  <td>
                    {d.label}
                    <div className="muted" style={{ fontSize: '0.85rem' }}>
                      {d.code} · {d.supplier} ·{' '}
                      {d.requirement === 'REQUIRED' ? t('wajib', 'required') : t('bersyarat', 'conditional')}
                    </div>
                  </td>
                  <td>
                    <span className={`badge ${st[2]}`} data-testid={`doc-status-${d.code}`}>
                      {t(st[0], st[1])}
                    </span>
                    {d.reason && <div className="muted">{d.reason}</div>}
                  </td>
                  <td>
                    <div className="row">
                      {d.uploadId && (
                        <button
                          type="button"
                          onClick={() => void show(d)}
                          aria-label={t(`Lihat ${d.label}`, `View ${d.label}`)}
                        >
                          {t('Lihat', 'View')}
                        </button>
                      )}
                      {officer && s.stage === 'DOCUMENTS' && d.status === 'UPLOADED' && (
                        <Review c={c} d={d} run={run} busy={busy} />
                      )}
                      {mayUpload && (d.status === 'MISSING' || d.status === 'REJECTED') && (
                        <Upload c={c} d={d} run={run} busy={busy} />
                      )}
                    </div>
                    {msg(`doc-${d.code}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {previewError && <Notice kind="error">{previewError}</Notice>}
      {preview && (
        <figure className="panel" aria-live="polite">
          <figcaption>
            {preview.code}{' '}
            <button type="button" onClick={() => setPreview(null)}>
              {t('Tutup', 'Close')}
            </button>
          </figcaption>
          {preview.url ? (
            <img src={preview.url} alt={preview.code} style={{ maxWidth: '100%' }} />
          ) : (
            <p>{t('PDF diunduh.', 'PDF downloaded.')}</p>
          )}
        </figure>
      )}
    </Panel>
  );
}

function Review({ c, d, run, busy }: { c: Case; d: DocumentState; run: Run; busy: string | null }) {
  const t = useT();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const key = `doc-${d.code}`;
  const review = (decision: 'ACCEPT' | 'REJECT') =>
    run(
      key,
      () =>
        unwrap(
          api.POST('/api/v1/claims/{claimNumber}/documents/{documentCode}/review', {
            params: { path: { claimNumber: c.claimNumber, documentCode: d.code } },
            body: { decision, ...(decision === 'REJECT' ? { reason } : {}) },
          }),
        ),
      decision === 'ACCEPT'
        ? t(`${d.label} diterima.`, `${d.label} accepted.`)
        : t(`${d.label} ditolak.`, `${d.label} rejected.`),
    );
  if (rejecting)
    return (
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 5)
            return setErr(t('Alasan minimal 5 karakter', 'At least 5 characters'));
          void review('REJECT').then((ok) => ok && setRejecting(false));
        }}
      >
        <TextField
          label={t(`Alasan menolak ${d.label}`, `Why ${d.label} is rejected`)}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setErr(null);
          }}
          error={err}
        />
        <div className="row">
          <button type="submit" className="danger" disabled={busy === key}>
            {t('Tolak', 'Reject')}
          </button>
          <button type="button" onClick={() => setRejecting(false)}>
            {t('Batal', 'Cancel')}
          </button>
        </div>
      </form>
    );
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={busy === key}
        onClick={() => void review('ACCEPT')}
        aria-label={t(`Terima ${d.label}`, `Accept ${d.label}`)}
      >
        {t('Terima', 'Accept')}
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => setRejecting(true)}
        aria-label={t(`Tolak ${d.label}`, `Reject ${d.label}`)}
      >
        {t('Tolak…', 'Reject…')}
      </button>
    </>
  );
}

function Upload({ c, d, run, busy }: { c: Case; d: DocumentState; run: Run; busy: string | null }) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const key = `doc-${d.code}`;
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        const file = ref.current?.files?.[0];
        if (!file) return;
        void run(
          key,
          () =>
            unwrap(
              api.POST('/api/v1/claims/{claimNumber}/documents', {
                params: { path: { claimNumber: c.claimNumber } },
                body: { documentCode: d.code, file } as never,
                bodySerializer: formData,
              }),
            ),
          t(`${d.label} terunggah.`, `${d.label} uploaded.`),
        );
      }}
    >
      <input
        ref={ref}
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        aria-label={t(`Berkas ${d.label}`, `File for ${d.label}`)}
        style={{ maxWidth: '14rem' }}
      />
      <button type="submit" disabled={busy === key} aria-label={t(`Unggah ${d.label}`, `Upload ${d.label}`)}>
        {t('Unggah', 'Upload')}
      </button>
    </form>
  );
}

function Benefit({ c }: { c: Case }) {
  const t = useT();
  const { lang } = useLang();
  const b = c.state?.benefit;
  return (
    <Panel title={t('Rincian manfaat', 'Benefit breakdown')}>
      {!b ? (
        <p className="muted">
          {t('Dihitung setelah dokumen lengkap.', 'Calculated once the documents are complete.')}
        </p>
      ) : (
        <>
          <p className="muted">
            {b.determination} · {t('aturan', 'rules')} {b.ruleSet} · {t('versi', 'version')} {b.version}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('Rincian manfaat', 'Benefit breakdown')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Manfaat', 'Item')}</th>
                  <th scope="col">{t('Rumus dan dasar hukum', 'Formula and legal basis')}</th>
                  <th scope="col" className="num">
                    {t('Jumlah', 'Amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...b.lineItems, ...b.scheduled].map(
                  (
                    l: BenefitLine & {
                      formula?: string;
                      legalBasis?: string;
                      dueDate?: string;
                      labelEn?: string;
                    },
                  ) => (
                    <tr key={l.key}>
                      <td>
                        {lang === 'en' && l.labelEn ? l.labelEn : l.label}
                        <div className="muted" style={{ fontSize: '0.85rem' }}>
                          {l.code} · {t('dibayar oleh', 'paid by')} {l.payer}
                          {l.dueDate && ` · ${t('jatuh tempo', 'due')} ${date(l.dueDate, lang)}`}
                        </div>
                      </td>
                      <td>
                        {l.formula ?? (
                          <span className="muted">
                            {t('rumus belum dikirim oleh api', 'formula not sent by the api')}
                          </span>
                        )}
                        {l.legalBasis && <div className="muted">{l.legalBasis}</div>}
                        {l.adjustmentReason && (
                          <div className="warn">
                            {t('Disesuaikan', 'Adjusted')} ({rupiah(l.calculatedAmount)} → {rupiah(l.amount)}
                            ): {l.adjustmentReason}
                          </div>
                        )}
                      </td>
                      <td className="num">{rupiah(l.amount)}</td>
                    </tr>
                  ),
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('Total dibayar sekarang', 'Total paid now')}
                  </th>
                  <td className="num" data-testid="benefit-total">
                    <strong>{rupiah(b.total)}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          {b.notes.length > 0 && (
            <ul>
              {b.notes.map((n) => (
                <li key={n} className="muted">
                  {n}
                </li>
              ))}
            </ul>
          )}
          {c.state && c.state.paidTotal > 0 && (
            <p>
              {t('Sudah dibayar', 'Paid')}: <strong>{rupiah(c.state.paidTotal)}</strong>
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
