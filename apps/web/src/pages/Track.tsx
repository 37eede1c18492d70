import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, formData, unwrap } from '../api/client';
import type { TrackingView } from '../api/types';
import { useLang, useT } from '../i18n';
import { date, MAIN_PATH, rupiah, stageName } from '../format';
import { navigate, useLocation } from '../router';

const CLAIM = /^SGP-\d{4}-\d{6}$/;
const CODE = /^[2-9A-HJKMNP-Z]{10}$/;
const cleanCode = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

/** Claim number from /lacak/<n>; the code from the link's #kode= (never sent to a server log) or ?kode= / ?code=. */
function fromLink(path: string, query: URLSearchParams): { claim: string; code: string } {
  const claim = decodeURIComponent(path.split('/')[2] ?? '').toUpperCase();
  const hash = new URLSearchParams(location.hash.slice(1));
  const code = hash.get('kode') ?? query.get('kode') ?? query.get('code') ?? '';
  return { claim, code: cleanCode(code) };
}

export function TrackPage() {
  const t = useT();
  const { lang } = useLang();
  const { path, query } = useLocation();
  const initial = fromLink(path, query);
  const [claim, setClaim] = useState(initial.claim);
  const [code, setCode] = useState(initial.code);
  const [touched, setTouched] = useState(false);
  const [view, setView] = useState<TrackingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLElement>(null);

  const claimError =
    claim && !CLAIM.test(claim.trim().toUpperCase())
      ? t('Nomor klaim seperti SGP-2026-000042', 'A claim number looks like SGP-2026-000042')
      : null;
  const codeError =
    code && !CODE.test(cleanCode(code))
      ? t('Kode pelacakan terdiri dari 10 huruf dan angka', 'The tracking code has 10 letters and digits')
      : null;

  async function load(n: string, c: string, focus: boolean) {
    setBusy(true);
    setError(null);
    try {
      const v = await unwrap<TrackingView>(
        api.GET('/api/v1/track/{claimNumber}', {
          params: { path: { claimNumber: n }, header: { 'x-tracking-code': c, 'X-Tracking-Code': c } },
        }),
      );
      setView(v);
      if (focus) requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      setView(null);
      const status = e instanceof ApiError ? e.status : 0;
      setError(
        status === 404
          ? t(
              'Nomor klaim atau kode pelacakan tidak cocok.',
              'The claim number or the tracking code does not match.',
            )
          : status === 429
            ? t(
                'Terlalu banyak percobaan. Coba lagi dalam 15 menit.',
                'Too many attempts. Try again in 15 minutes.',
              )
            : status === 0
              ? t(
                  'Tidak ada koneksi. Periksa jaringan lalu coba lagi.',
                  'No connection. Check the network and try again.',
                )
              : t('Terjadi kesalahan. Coba lagi.', 'Something went wrong. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (CLAIM.test(initial.claim) && CODE.test(initial.code)) void load(initial.claim, initial.code, false);
    // the link is read once, when the page opens
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    const n = claim.trim().toUpperCase();
    const c = cleanCode(code);
    if (!CLAIM.test(n) || !CODE.test(c)) return;
    navigate(`/lacak/${n}#kode=${c}`, true);
    void load(n, c, true);
  }

  return (
    <main id="main" className="page track">
      <h1>{t('Lacak klaim', 'Track a claim')}</h1>
      <form onSubmit={submit} noValidate className="track-form" aria-describedby="track-help">
        <p id="track-help" className="muted">
          {t(
            'Masukkan nomor klaim dan kode pelacakan dari petugas KPU.',
            'Enter the claim number and the tracking code from the KPU officer.',
          )}
        </p>
        <Field
          label={t('Nomor klaim', 'Claim number')}
          value={claim}
          onChange={setClaim}
          error={touched || claim.length >= 15 ? claimError : null}
          placeholder="SGP-2026-000042"
          autoComplete="off"
          required
        />
        <Field
          label={t('Kode pelacakan', 'Tracking code')}
          value={code}
          onChange={setCode}
          error={touched || cleanCode(code).length >= 10 ? codeError : null}
          placeholder="K7M2Q9XH4T"
          autoComplete="off"
          required
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('Mencari…', 'Searching…') : t('Lacak', 'Track')}
        </button>
      </form>
      <section ref={resultRef} tabIndex={-1} className="track-result" aria-live="polite" aria-busy={busy}>
        {error && (
          <p role="alert" className="error-box">
            {error}
          </p>
        )}
        {busy && !view && <div className="skeleton" aria-hidden="true" />}
        {view && (
          <TrackResult
            view={view}
            lang={lang}
            code={cleanCode(code)}
            onChanged={() => load(view.claimNumber, cleanCode(code), false)}
          />
        )}
      </section>
    </main>
  );
}

function Field(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  error: string | null;
  placeholder?: string;
  autoComplete?: string;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        required={props.required}
        autoCapitalize="characters"
        spellCheck={false}
      />
      <p id={`${id}-err`} className="field-error" aria-live="polite">
        {props.error ?? ''}
      </p>
    </div>
  );
}

function TrackResult({
  view,
  lang,
  code,
  onChanged,
}: {
  view: TrackingView;
  lang: 'id' | 'en';
  code: string;
  onChanged(): void;
}) {
  const t = useT();
  const [sent, setSent] = useState<string | null>(null);
  const reached = new Map(view.timeline.map((e) => [e.stage, e.at]));
  const current = view.stage.code;
  // the usual path, with the stages this claim actually went through put in their place
  const steps = [...MAIN_PATH];
  for (const e of view.timeline)
    if (!steps.includes(e.stage)) steps.splice(steps.indexOf('DOCUMENTS'), 0, e.stage);
  if (!steps.includes(current)) steps.push(current);
  const currentIdx = steps.indexOf(current);
  const paid = view.payout.status === 'PAID';
  return (
    <div className="result">
      <h2>
        {t('Klaim', 'Claim')} {view.claimNumber}
      </h2>
      <p className="stage-now">
        <span className="muted">{t('Tahap sekarang', 'Current stage')}:</span>{' '}
        <strong data-testid="stage">{view.stage.label[lang]}</strong>
      </p>

      <h3>{t('Perjalanan klaim', 'Claim timeline')}</h3>
      <ol className="timeline">
        {steps.map((s, i) => {
          const at = reached.get(s);
          const state = s === current ? 'current' : at || i < currentIdx ? 'done' : 'todo';
          return (
            <li key={s} className={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="dot" aria-hidden="true" />
              <span className="what">{stageName(s, lang)}</span>
              <span className="when">
                {at ? date(at, lang) : state === 'todo' ? t('belum', 'not yet') : ''}
                <span className="sr-only">
                  {state === 'done'
                    ? t(' (selesai)', ' (done)')
                    : state === 'current'
                      ? t(' (tahap sekarang)', ' (current)')
                      : ''}
                </span>
              </span>
            </li>
          );
        })}
      </ol>

      <h3>{t('Yang perlu keluarga lakukan', 'What the family needs to do')}</h3>
      <p role="status" className="ok">
        {sent
          ? t(`Terkirim: ${sent}. Petugas akan memeriksanya.`, `Sent: ${sent}. An officer will check it.`)
          : ''}
      </p>
      {view.expectedFromFamily.length === 0 ? (
        <p>
          {t(
            'Tidak ada. Kami akan memberi kabar bila ada yang diperlukan.',
            'Nothing now. We will let you know if anything is needed.',
          )}
        </p>
      ) : (
        <ul className="expected">
          {view.expectedFromFamily.map((d) => (
            <li key={d.code}>
              <FamilyUpload
                claimNumber={view.claimNumber}
                code={code}
                doc={d}
                onDone={() => {
                  setSent(d.label);
                  onChanged();
                }}
              />
            </li>
          ))}
        </ul>
      )}

      <h3>{t('Pembayaran', 'Payout')}</h3>
      <dl className="payout">
        <dt>{t('Status', 'Status')}</dt>
        <dd data-testid="payout-status">
          {paid
            ? t('Sudah dibayar', 'Paid')
            : view.payout.status === 'IN_PROGRESS'
              ? t('Sedang diproses', 'In progress')
              : t('Belum', 'Not yet')}
        </dd>
        <dt>{t('Jumlah', 'Amount')}</dt>
        <dd data-testid="payout-amount">{rupiah(paid ? view.payout.paidTotal : view.payout.benefitTotal)}</dd>
        <dt>{t('Tanggal bayar', 'Paid on')}</dt>
        <dd>{date(view.payout.paidOn, lang)}</dd>
        <dt>{t('Rekening', 'Account')}</dt>
        <dd>{view.payout.account ?? '–'}</dd>
      </dl>
    </div>
  );
}

function FamilyUpload({
  claimNumber,
  code,
  doc,
  onDone,
}: {
  claimNumber: string;
  code: string;
  doc: TrackingView['expectedFromFamily'][number];
  onDone(): void;
}) {
  const t = useT();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!file) return setMsg({ ok: false, text: t('Pilih berkas dulu.', 'Choose a file first.') });
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/track/{claimNumber}/documents', {
          params: { path: { claimNumber }, header: { 'x-tracking-code': code, 'X-Tracking-Code': code } },
          body: { documentCode: doc.code, file } as never,
          bodySerializer: formData,
        }),
      );
      setMsg(null);
      onDone();
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setMsg({ ok: false, text: e?.field('file') ?? e?.detail ?? t('Gagal mengirim.', 'Upload failed.') });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={send} className="upload" data-doc={doc.code}>
      <label htmlFor={id}>
        <strong>{doc.label}</strong>
        {doc.status === 'REJECTED' && (
          <span className="warn">
            {' '}
            — {t('ditolak', 'rejected')}: {doc.reason}
          </span>
        )}
      </label>
      <input
        id={id}
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button type="submit" disabled={busy}>
        {t('Unggah', 'Upload')}
      </button>
      {msg && (
        <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'ok' : 'field-error'}>
          {msg.text}
        </p>
      )}
    </form>
  );
}
