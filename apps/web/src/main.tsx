import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { LangProvider, LangSwitch, useT } from './i18n';
import { Link, useLocation } from './router';
import { TrackPage } from './pages/Track';
import './styles.css';

// staff screens are a separate chunk: the family page never downloads them
const StaffApp = lazy(() => import('./staff/StaffApp'));

function Home() {
  const t = useT();
  return (
    <main id="main" className="home">
      <h1>Sigap</h1>
      <p>
        {t(
          'Klaim BPJS Ketenagakerjaan (JKK/JKM) petugas ad hoc pemilu: KPPS, PPS, PPK, Linmas dan lainnya.',
          'BPJS Ketenagakerjaan (JKK/JKM) claims of election ad-hoc workers: KPPS, PPS, PPK, Linmas and others.',
        )}
      </p>
      <ul className="cards">
        <li>
          <Link href="/lacak" className="card">
            <strong>{t('Lacak klaim', 'Track a claim')}</strong>
            <span>{t('Untuk keluarga / ahli waris', 'For the family / heirs')}</span>
          </Link>
        </li>
        <li>
          <Link href="/masuk" className="card">
            <strong>{t('Masuk petugas', 'Staff login')}</strong>
            <span>{t('KPU dan BPJS Ketenagakerjaan', 'KPU and BPJS Ketenagakerjaan')}</span>
          </Link>
        </li>
      </ul>
    </main>
  );
}

function Loading() {
  const t = useT();
  return (
    <main id="main" className="page" aria-busy="true">
      <p className="muted">{t('Memuat…', 'Loading…')}</p>
    </main>
  );
}

function App() {
  const { path } = useLocation();
  const t = useT();
  const isTrack = path === '/lacak' || path.startsWith('/lacak/');
  return (
    <>
      <a className="skip" href="#main">
        {t('Langsung ke isi', 'Skip to content')}
      </a>
      {isTrack || path === '/' ? (
        <>
          <header className="top">
            <Link href="/" className="brand">
              Sigap
            </Link>
            <LangSwitch />
          </header>
          {path === '/' ? <Home /> : <TrackPage />}
        </>
      ) : (
        <Suspense fallback={<Loading />}>
          <StaffApp />
        </Suspense>
      )}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <App />
    </LangProvider>
  </StrictMode>,
);
