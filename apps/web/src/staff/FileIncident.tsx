import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { parseNik } from '../../../../libs/domain/src/nik/nik';
import { api, ApiError, unwrap } from '../api/client';
import type { Schemas, User } from '../api/types';
import { useT } from '../i18n';
import { Link } from '../router';
import { dotted, regencyDetail, regionIndex, type RegencyDetail, type RegionIndex } from './regions';
import { Notice, SelectField, TextArea, TextField } from './ui';

type Filed = Schemas['FiledClaimDto'];

export const WORKER_ROLES = [
  'KPPS_KETUA',
  'KPPS_ANGGOTA',
  'PPS_KETUA',
  'PPS_ANGGOTA',
  'PPS_SEKRETARIS',
  'PPS_PELAKSANA',
  'PPK_KETUA',
  'PPK_ANGGOTA',
  'PPK_SEKRETARIS',
  'PPK_PELAKSANA',
  'PANTARLIH',
  'LINMAS',
  'PANWASCAM_KETUA',
  'PANWASCAM_ANGGOTA',
  'PKD',
  'PTPS',
];

interface Draft {
  workerNik: string;
  incidentType: '' | 'DEATH' | 'ACCIDENT';
  occurredDate: string;
  occurredTime: string;
  province: string;
  regency: string;
  district: string;
  village: string;
  tpsNumber: string;
  workerRole: string;
  place: string;
  chronology: string;
  onDutyContext: string;
  healthFacility: string;
  reporterName: string;
  reporterPhone: string;
}

const EMPTY: Draft = {
  workerNik: '',
  incidentType: '',
  occurredDate: '',
  occurredTime: '',
  province: '',
  regency: '',
  district: '',
  village: '',
  tpsNumber: '',
  workerRole: '',
  place: '',
  chronology: '',
  onDutyContext: '',
  healthFacility: '',
  reporterName: '',
  reporterPhone: '',
};

const draftKey = (u: User) => `sigap.draft.incident.${u.username}`;

function loadDraft(u: User): Draft {
  try {
    const raw = localStorage.getItem(draftKey(u));
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Draft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** A short stable hash: the same body gets the same Idempotency-Key, so a resend after a dropped network files once. */
function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619);
    h2 = Math.imul(h2 ^ s.charCodeAt(i), 2246822519);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}

type Errors = Partial<Record<keyof Draft | 'occurredAt' | 'regionCode', string>>;

export function FileIncident({ user }: { user: User }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(user));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [index, setIndex] = useState<RegionIndex | null>(null);
  const [detail, setDetail] = useState<RegencyDetail | null>(null);
  const [regionError, setRegionError] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // the draft survives a reload and a dropped network: saved on every change, removed once filed
  useEffect(() => {
    if (filed) return;
    try {
      localStorage.setItem(draftKey(user), JSON.stringify(draft));
      setSavedAt(new Date());
    } catch {
      /* storage full or unavailable */
    }
  }, [draft, user, filed]);

  useEffect(() => {
    regionIndex().then(setIndex, () => setRegionError(true));
  }, []);
  useEffect(() => {
    setDetail(null);
    if (draft.regency) regencyDetail(draft.regency).then(setDetail, () => setRegionError(true));
  }, [draft.regency]);

  const inScope = (code: string) =>
    user.role === 'ADMIN' || user.regions.some((r) => code.startsWith(r) || r.startsWith(code));
  const provinces = (index?.p ?? []).filter(([c]) => inScope(c));
  const regencies = (index?.r ?? []).filter(
    ([c]) => c.startsWith(draft.province) && draft.province && inScope(c),
  );
  const districts = detail?.d ?? [];
  const villages = (draft.district && detail?.v[draft.district]) || [];

  const errors = useMemo(() => validate(draft, t), [draft, t]);
  const shown = (k: keyof Errors): string | undefined =>
    serverErrors[k] ?? (touched.has(k) || touched.has('*') ? errors[k] : undefined);

  function set<K extends keyof Draft>(k: K, v: Draft[K]) {
    setDraft((d) => {
      const next = { ...d, [k]: v };
      if (k === 'province') Object.assign(next, { regency: '', district: '', village: '' });
      if (k === 'regency') Object.assign(next, { district: '', village: '' });
      if (k === 'district') Object.assign(next, { village: '' });
      return next;
    });
    setServerErrors((e) => ({
      ...e,
      [k]: undefined,
      ...(k === 'occurredDate' || k === 'occurredTime' ? { occurredAt: undefined } : {}),
    }));
    // validates as you type: a field shows its error once it has been typed in
    setTouched((s) => new Set(s).add(k));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(new Set(['*']));
    setNotice(null);
    if (Object.keys(errors).length) {
      setNotice({ kind: 'error', text: t('Periksa isian yang ditandai.', 'Check the marked fields.') });
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const body: Schemas['CreateIncidentDto'] = {
      workerNik: draft.workerNik,
      incidentType: draft.incidentType as 'DEATH' | 'ACCIDENT',
      occurredAt: `${draft.occurredDate}T${draft.occurredTime}:00+07:00`,
      regionCode: draft.village || draft.district || draft.regency,
      ...(draft.tpsNumber ? { tpsNumber: Number(draft.tpsNumber) } : {}),
      ...(draft.workerRole ? { workerRole: draft.workerRole } : {}),
      ...(draft.place.trim() ? { place: draft.place.trim() } : {}),
      ...(draft.chronology.trim() ? { chronology: draft.chronology.trim() } : {}),
      ...(draft.onDutyContext.trim() ? { onDutyContext: draft.onDutyContext.trim() } : {}),
      ...(draft.healthFacility.trim() ? { healthFacility: draft.healthFacility.trim() } : {}),
      ...(draft.reporterName.trim() ? { reporterName: draft.reporterName.trim() } : {}),
      ...(draft.reporterPhone.trim() ? { reporterPhone: draft.reporterPhone.trim() } : {}),
      reporterRelation: 'KPU_STAFF',
    };
    setBusy(true);
    try {
      const r = await unwrap(
        api.POST('/api/v1/incidents', {
          body,
          params: {
            header: { 'Idempotency-Key': `incident-${user.username}-${hash(JSON.stringify(body))}` } as never,
          },
        }),
      );
      setFiled(r);
      localStorage.removeItem(draftKey(user));
    } catch (err) {
      const a = err instanceof ApiError ? err : new ApiError(0, String(err));
      if (a.status === 0) {
        setNotice({
          kind: 'error',
          text: t(
            'Tidak ada koneksi. Draf tersimpan di perangkat ini; kirim lagi saat jaringan kembali (laporan tidak akan tercatat dua kali).',
            'No connection. The draft is saved on this device; send again when the network is back (the report will not be filed twice).',
          ),
        });
      } else {
        const fe: Errors = {};
        for (const f of a.errors)
          fe[(f.field === 'workerNik' ? 'workerNik' : f.field) as keyof Errors] = f.message;
        setServerErrors(fe);
        setNotice({
          kind: 'error',
          text: a.errors.length
            ? t('Server menolak beberapa isian.', 'The server refused some fields.')
            : a.detail,
        });
        requestAnimationFrame(() =>
          formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  if (filed)
    return (
      <Handover
        filed={filed}
        onAnother={() => {
          setFiled(null);
          setDraft(EMPTY);
          setTouched(new Set());
        }}
      />
    );

  const opt = (rows: [string, string][]) =>
    rows.map(([c, n]) => ({ value: c, label: `${n} (${dotted(c)})` }));
  return (
    <main id="main" className="page" style={{ maxWidth: '48rem' }}>
      <h1>{t('Lapor insiden', 'File an incident')}</h1>
      <p className="draft-note" aria-live="polite" data-testid="draft-note">
        {savedAt
          ? t(
              `Draf tersimpan otomatis ${savedAt.toLocaleTimeString('id-ID')}`,
              `Draft saved automatically ${savedAt.toLocaleTimeString('en-GB')}`,
            )
          : ''}
      </p>
      <form ref={formRef} onSubmit={submit} noValidate>
        <fieldset className="panel">
          <legend>{t('Petugas ad hoc', 'Ad-hoc worker')}</legend>
          <TextField
            label={t('NIK petugas', 'Worker’s NIK')}
            hint={t('16 angka, sesuai e-KTP', '16 digits, as on the e-KTP')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            value={draft.workerNik}
            onChange={(e) => set('workerNik', e.target.value.replace(/\D/g, ''))}
            error={shown('workerNik')}
            required
          />
          <SelectField
            label={t('Jabatan', 'Role')}
            value={draft.workerRole}
            onChange={(e) => set('workerRole', e.target.value)}
            options={WORKER_ROLES.map((r) => ({ value: r, label: r.replace('_', ' ') }))}
            placeholder={t('— pilih —', '— choose —')}
            error={shown('workerRole')}
          />
        </fieldset>

        <fieldset className="panel">
          <legend>{t('Insiden', 'Incident')}</legend>
          <SelectField
            label={t('Jenis insiden', 'Incident type')}
            value={draft.incidentType}
            onChange={(e) => set('incidentType', e.target.value as Draft['incidentType'])}
            options={[
              { value: 'DEATH', label: t('Meninggal dunia', 'Death') },
              { value: 'ACCIDENT', label: t('Kecelakaan', 'Accident') },
            ]}
            placeholder={t('— pilih —', '— choose —')}
            error={shown('incidentType')}
            required
          />
          <div className="grid2">
            <TextField
              label={t('Tanggal kejadian', 'Date')}
              type="date"
              value={draft.occurredDate}
              onChange={(e) => set('occurredDate', e.target.value)}
              error={shown('occurredDate') ?? shown('occurredAt')}
              required
            />
            <TextField
              label={t('Jam kejadian (WIB)', 'Time (WIB)')}
              type="time"
              value={draft.occurredTime}
              onChange={(e) => set('occurredTime', e.target.value)}
              error={shown('occurredTime')}
              required
            />
          </div>
          <TextField
            label={t('Tempat', 'Place')}
            value={draft.place}
            maxLength={300}
            onChange={(e) => set('place', e.target.value)}
            error={shown('place')}
          />
          <TextArea
            label={t('Kronologi', 'What happened')}
            value={draft.chronology}
            maxLength={4000}
            onChange={(e) => set('chronology', e.target.value)}
            error={shown('chronology')}
          />
          <TextArea
            label={t('Tugas yang sedang dijalankan', 'Duty being performed')}
            value={draft.onDutyContext}
            maxLength={2000}
            onChange={(e) => set('onDutyContext', e.target.value)}
            error={shown('onDutyContext')}
          />
          <TextField
            label={t('Fasilitas kesehatan', 'Health facility')}
            value={draft.healthFacility}
            maxLength={300}
            onChange={(e) => set('healthFacility', e.target.value)}
            error={shown('healthFacility')}
          />
        </fieldset>

        <fieldset className="panel">
          <legend>{t('Wilayah tugas', 'Place of duty')}</legend>
          {regionError && (
            <Notice kind="error">
              {t(
                'Daftar wilayah gagal dimuat; muat ulang halaman.',
                'The region list failed to load; reload the page.',
              )}
            </Notice>
          )}
          <div className="grid2">
            <SelectField
              label={t('Provinsi', 'Province')}
              value={draft.province}
              onChange={(e) => set('province', e.target.value)}
              options={opt(provinces)}
              placeholder={index ? t('— pilih —', '— choose —') : t('memuat…', 'loading…')}
              error={shown('province')}
              required
            />
            <SelectField
              label={t('Kabupaten/kota', 'Regency/city')}
              value={draft.regency}
              onChange={(e) => set('regency', e.target.value)}
              options={opt(regencies)}
              placeholder={t('— pilih —', '— choose —')}
              disabled={!draft.province}
              error={shown('regency') ?? shown('regionCode')}
              required
            />
            <SelectField
              label={t('Kecamatan', 'District')}
              value={draft.district}
              onChange={(e) => set('district', e.target.value)}
              options={opt(districts)}
              placeholder={draft.regency && !detail ? t('memuat…', 'loading…') : t('— pilih —', '— choose —')}
              disabled={!draft.regency}
              error={shown('district')}
              required
            />
            <SelectField
              label={t('Desa/kelurahan', 'Village')}
              value={draft.village}
              onChange={(e) => set('village', e.target.value)}
              options={opt(villages)}
              placeholder={t('— pilih —', '— choose —')}
              disabled={!draft.district}
              error={shown('village')}
              required
            />
            <TextField
              label={t('Nomor TPS', 'Polling station (TPS) number')}
              inputMode="numeric"
              value={draft.tpsNumber}
              onChange={(e) => set('tpsNumber', e.target.value.replace(/\D/g, ''))}
              error={shown('tpsNumber')}
            />
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>{t('Pelapor', 'Reporter')}</legend>
          <div className="grid2">
            <TextField
              label={t('Nama pelapor', 'Reporter’s name')}
              value={draft.reporterName}
              maxLength={200}
              autoComplete="name"
              onChange={(e) => set('reporterName', e.target.value)}
              error={shown('reporterName')}
            />
            <TextField
              label={t('Telepon pelapor', 'Reporter’s phone')}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={draft.reporterPhone}
              onChange={(e) => set('reporterPhone', e.target.value)}
              error={shown('reporterPhone')}
            />
          </div>
        </fieldset>

        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <div className="row">
          <button className="primary" type="submit" disabled={busy}>
            {busy ? t('Mengirim…', 'Sending…') : t('Kirim laporan', 'Send report')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setTouched(new Set());
              setServerErrors({});
              setNotice(null);
            }}
          >
            {t('Kosongkan', 'Clear')}
          </button>
        </div>
      </form>
    </main>
  );
}

function validate(d: Draft, t: (id: string, en: string) => string): Errors {
  const e: Errors = {};
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  if (!d.workerNik) e.workerNik = t('NIK wajib diisi', 'The NIK is required');
  else if (d.workerNik.length !== 16)
    e.workerNik = t(
      `NIK harus 16 angka (sekarang ${d.workerNik.length})`,
      `The NIK has 16 digits (now ${d.workerNik.length})`,
    );
  else {
    try {
      parseNik(d.workerNik, /^\d{4}-\d{2}-\d{2}$/.test(d.occurredDate) ? d.occurredDate : today);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      e.workerNik =
        {
          NIK_PROVINCE: t('Kode provinsi pada NIK tidak valid', 'The province part of the NIK is not valid'),
          NIK_REGENCY: t(
            'Kode kabupaten/kota pada NIK tidak valid',
            'The regency part of the NIK is not valid',
          ),
          NIK_DISTRICT: t('Kode kecamatan pada NIK tidak valid', 'The district part of the NIK is not valid'),
          NIK_BIRTH_DATE: t('Tanggal lahir pada NIK tidak valid', 'The birth date in the NIK is not valid'),
          NIK_SERIAL: t('Nomor urut NIK tidak valid', 'The serial of the NIK is not valid'),
        }[code] ?? t('NIK tidak valid', 'The NIK is not valid');
    }
  }
  if (!d.incidentType) e.incidentType = t('Pilih jenis insiden', 'Choose the incident type');
  if (!d.occurredDate) e.occurredDate = t('Tanggal wajib diisi', 'The date is required');
  else if (d.occurredDate > today)
    e.occurredDate = t('Tanggal tidak boleh di masa depan', 'The date cannot be in the future');
  else if (d.occurredDate < '2023-01-01')
    e.occurredDate = t('Tanggal terlalu lama', 'The date is too far back');
  if (!d.occurredTime) e.occurredTime = t('Jam wajib diisi', 'The time is required');
  else if (
    d.occurredDate &&
    Date.parse(`${d.occurredDate}T${d.occurredTime}:00+07:00`) > Date.now() + 5 * 60e3
  )
    e.occurredTime = t('Waktu tidak boleh di masa depan', 'The time cannot be in the future');
  if (!d.province) e.province = t('Pilih provinsi', 'Choose the province');
  if (!d.regency) e.regency = t('Pilih kabupaten/kota', 'Choose the regency/city');
  if (!d.district) e.district = t('Pilih kecamatan', 'Choose the district');
  if (!d.village) e.village = t('Pilih desa/kelurahan', 'Choose the village');
  if (d.tpsNumber && (Number(d.tpsNumber) < 1 || Number(d.tpsNumber) > 9999))
    e.tpsNumber = t('Nomor TPS 1–9999', 'TPS number 1–9999');
  if (d.reporterPhone && !/^\+?\d{8,15}$/.test(d.reporterPhone.replace(/[\s-]/g, '')))
    e.reporterPhone = t('Nomor telepon 8–15 angka', 'Phone number of 8–15 digits');
  return e;
}

function Handover({ filed, onAnother }: { filed: Filed; onAnother(): void }) {
  const t = useT();
  const link = filed.trackingCode
    ? `${location.origin}/lacak/${filed.claimNumber}#kode=${filed.trackingCode}`
    : null;
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <main id="main" className="page" style={{ maxWidth: '40rem' }}>
      <h1 ref={ref} tabIndex={-1}>
        {t('Laporan terkirim', 'Report sent')}
      </h1>
      {filed.joined && (
        <Notice kind="ok">
          {t(
            'Laporan digabung dengan klaim yang sudah ada untuk petugas dan hari yang sama.',
            'The report joined the existing claim of the same worker and day.',
          )}
        </Notice>
      )}
      {filed.lateReport && (
        <p className="warn">
          {t(
            'Dilaporkan lebih dari 2 × 24 jam setelah kejadian.',
            'Reported later than 2 × 24 hours after the incident.',
          )}
        </p>
      )}
      <section className="handover" aria-labelledby="handover-title">
        <h2 id="handover-title">{t('Serahkan kepada keluarga', 'Hand over to the family')}</h2>
        <dl className="kv">
          <dt>{t('Nomor klaim', 'Claim number')}</dt>
          <dd className="big" data-testid="claim-number">
            {filed.claimNumber}
          </dd>
          <dt>{t('Kode pelacakan', 'Tracking code')}</dt>
          <dd className="big" data-testid="tracking-code">
            {filed.trackingCode ??
              t('(sudah diberikan pada laporan pertama)', '(given with the first report)')}
          </dd>
        </dl>
        <p>
          {t('Lacak di', 'Track at')} <strong>{location.origin}/lacak</strong>
          {link && (
            <>
              {' '}
              — <span style={{ overflowWrap: 'anywhere' }}>{link}</span>
            </>
          )}
        </p>
        <p className="muted">
          {t(
            'Kode hanya ditampilkan sekali. Simpan atau cetak halaman ini.',
            'The code is shown only once. Keep or print this page.',
          )}
        </p>
      </section>
      <div className="row no-print" style={{ marginTop: '1rem' }}>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('Cetak', 'Print')}
        </button>
        <Link href={`/klaim/${filed.claimNumber}`}>{t('Buka klaim', 'Open the claim')}</Link>
        <button type="button" onClick={onAnother}>
          {t('Lapor insiden lain', 'File another incident')}
        </button>
      </div>
    </main>
  );
}
