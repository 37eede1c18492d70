import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { User } from '../api/types';
import { LangSwitch, useT } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { session } from '../session';
import { CaseView } from './CaseView';
import { ClaimList } from './ClaimList';
import { CoveragePage } from './Coverage';
import { FileIncident } from './FileIncident';
import { Notice, TextField } from './ui';

export const ROLE_NAMES: Record<User['role'], [string, string]> = {
  KPU_OPERATOR: ['Operator KPU', 'KPU operator'],
  KPU_APPROVER: ['Pejabat KPU', 'KPU approver'],
  BPJS_OFFICER: ['Petugas klaim BPJS', 'BPJS claims officer'],
  BPJS_SUPERVISOR: ['Supervisor BPJS', 'BPJS supervisor'],
  ADMIN: ['Administrator', 'Administrator'],
};

function useUser(): User | null {
  return useSyncExternalStore(session.subscribe, session.user);
}

export default function StaffApp() {
  const user = useUser();
  const { path } = useLocation();
  const t = useT();

  useEffect(() => {
    if (!user && path !== '/masuk')
      navigate(`/masuk?lanjut=${encodeURIComponent(path + location.search)}`, true);
  }, [user, path]);

  const nav: { href: string; label: string; show: boolean }[] = user
    ? [
        {
          href: '/lapor',
          label: t('Lapor insiden', 'File incident'),
          show: ['KPU_OPERATOR', 'ADMIN'].includes(user.role),
        },
        {
          href: '/klaim',
          label:
            user.role === 'KPU_OPERATOR'
              ? t('Klaim wilayah saya', 'My region’s claims')
              : t('Antrean kerja', 'Work queue'),
          show: true,
        },
        {
          href: '/persetujuan',
          label: t('Persetujuan', 'Approvals'),
          show: ['BPJS_SUPERVISOR', 'KPU_APPROVER', 'ADMIN'].includes(user.role),
        },
        { href: '/cakupan', label: t('Kepesertaan & anggaran', 'Coverage & budget'), show: true },
      ]
    : [];

  let page;
  if (!user || path === '/masuk') page = <Login />;
  else if (path === '/lapor') page = <FileIncident user={user} />;
  else if (path === '/klaim') page = <ClaimList user={user} />;
  else if (path === '/persetujuan') page = <ClaimList user={user} approvals />;
  else if (path.startsWith('/klaim/'))
    page = <CaseView user={user} claimNumber={decodeURIComponent(path.slice(7))} />;
  else if (path === '/cakupan') page = <CoveragePage />;
  else
    page = (
      <main id="main" className="page">
        <h1>{t('Halaman tidak ditemukan', 'Page not found')}</h1>
        <Link href="/">{t('Ke beranda', 'Home')}</Link>
      </main>
    );

  return (
    <>
      <header className="top">
        <Link href={user ? '/klaim' : '/'} className="brand">
          Sigap
        </Link>
        {user && (
          <nav aria-label={t('Menu utama', 'Main menu')}>
            {nav
              .filter((n) => n.show)
              .map((n) => (
                <Link key={n.href} href={n.href} aria-current={path === n.href ? 'page' : undefined}>
                  {n.label}
                </Link>
              ))}
          </nav>
        )}
        <LangSwitch />
        {user && (
          <div className="row">
            <span className="muted" data-testid="whoami">
              {user.displayName} ({t(...ROLE_NAMES[user.role])})
            </span>
            <button type="button" onClick={() => void session.logout().then(() => navigate('/masuk'))}>
              {t('Keluar', 'Log out')}
            </button>
          </div>
        )}
      </header>
      {page}
    </>
  );
}

function Login() {
  const t = useT();
  const { query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await session.login(username.trim(), password);
      const next = query.get('lanjut');
      navigate(
        next && next.startsWith('/') && !next.startsWith('/masuk')
          ? next
          : user.role === 'KPU_OPERATOR'
            ? '/lapor'
            : '/klaim',
        true,
      );
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" className="page" style={{ maxWidth: '26rem' }}>
      <h1>{t('Masuk petugas', 'Staff login')}</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('Nama pengguna', 'User name')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          required
          error={error?.field('username')}
        />
        <TextField
          label={t('Kata sandi', 'Password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          error={error?.field('password')}
        />
        {error && !error.errors.length && (
          <Notice kind="error">
            {error.status === 401
              ? t('Nama pengguna atau kata sandi salah.', 'The user name or the password is wrong.')
              : error.status === 429
                ? t('Terlalu banyak percobaan; tunggu sebentar.', 'Too many attempts; wait a moment.')
                : error.status === 0
                  ? t('Tidak ada koneksi.', 'No connection.')
                  : error.detail}
          </Notice>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t('Masuk', 'Log in')}
        </button>
      </form>
    </main>
  );
}
