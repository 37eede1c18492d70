import type { INestApplication } from '@nestjs/common';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { BankSim } from '../../apps/bank-sim/src/bank-sim';
import { SCHEMA_FILE, typesFor } from '../../apps/web/scripts/api-types';
import { seedCoverage, startTestBank, testNik, isoDate } from '../support/claims';
import { RunningWorker, startWorker, useTestEnv } from '../support/stack';
import { describeNeeding } from '../support/tools';
import {
  apiAs,
  ensureWebBuild,
  jakarta,
  launchChromium,
  PDF,
  seriousViolations,
  shot,
  startListeningApi,
  uiLogin,
} from './support';

/**
 * The browser app end to end: the real api (serving the built apps/web) on a free port, the real worker, the bank
 * simulator, PostgreSQL and Temporal from the integration global setup, and Debian's Chromium driven by
 * playwright-core. Screenshots land in test/.artifacts/screenshots/.
 */
describeNeeding('browser', 'web app (Chromium, real stack)', () => {
  let worker: RunningWorker;
  let bank: BankSim;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let ds: DataSource;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    const taskQueue = useTestEnv('web');
    bank = await startTestBank();
    worker = await startWorker(taskQueue);
    ({ app, base } = await startListeningApi());
    ds = app.get(DataSource);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await worker?.stop();
    await bank?.close();
  });

  async function newPage(width = 1280, height = 900): Promise<Page> {
    const ctx = await browser.newContext({
      viewport: { width, height },
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
    });
    ctx.setDefaultTimeout(30000);
    contexts.push(ctx);
    return ctx.newPage();
  }

  /** A worker on the roster with JKK/JKM coverage around the incident time. */
  async function coveredWorker(occurredAt: Date, wageBase?: number): Promise<string> {
    const nik = testNik();
    await seedCoverage(ds, nik, {
      termStart: isoDate(new Date(occurredAt.getTime() - 20 * 86400e3)),
      termEnd: isoDate(new Date(occurredAt.getTime() + 20 * 86400e3)),
      ...(wageBase ? { wageBase } : {}),
    });
    return nik;
  }

  async function fillIncident(page: Page, nik: string, occurredAt: Date): Promise<void> {
    const when = jakarta(occurredAt);
    await page.getByLabel('NIK petugas').fill(nik);
    await page.getByLabel('Jabatan').selectOption('KPPS_ANGGOTA');
    await page.getByLabel('Jenis insiden').selectOption('DEATH');
    await page.getByLabel('Tanggal kejadian').fill(when.date);
    await page.getByLabel('Jam kejadian (WIB)').fill(when.time);
    await page.getByLabel('Tempat', { exact: true }).fill('TPS 012, Kelurahan Sukaluyu');
    await page.getByLabel('Kronologi').fill('Pingsan saat penghitungan suara; dibawa ke RSUD pukul 22.10.');
    await page.getByLabel('Provinsi').selectOption('32');
    await page.getByLabel('Kabupaten/kota').selectOption('3273');
    await page.getByLabel('Kecamatan').selectOption('327301');
    await page.getByLabel('Desa/kelurahan').selectOption('3273011001');
    await page.getByLabel('Nomor TPS').fill('12');
  }

  const stageIs = (page: Page, text: string, timeout = 60000) =>
    page.getByTestId('case-stage').filter({ hasText: text }).waitFor({ timeout });

  it('the OpenAPI types of the web app match the api (npm run web:api-types regenerates them)', async () => {
    const doc = await (await fetch(`${base}/api/docs-json`)).json();
    expect(typesFor(doc)).toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('an operator files a death, an officer verifies and reviews documents, a supervisor approves, the family sees Paid', async () => {
    const occurredAt = new Date(Date.now() - 3 * 3600e3);
    const nik = await coveredWorker(occurredAt);

    // --- KPU operator files the incident
    const op = await newPage();
    await uiLogin(op, base, 'kpu.kotabandung');
    await op.getByRole('heading', { name: 'Lapor insiden' }).waitFor();
    await op.getByLabel('NIK petugas').fill('3273');
    await op.getByText('NIK harus 16 angka (sekarang 4)').waitFor(); // validates as you type
    await fillIncident(op, nik, occurredAt);
    expect(await seriousViolations(op)).toEqual([]);
    await shot(op, '01-operator-file-incident');
    await op.getByRole('button', { name: 'Kirim laporan' }).click();
    const claimNumber = (await op.getByTestId('claim-number').textContent())!.trim();
    const trackingCode = (await op.getByTestId('tracking-code').textContent())!.trim();
    expect(claimNumber).toMatch(/^SGP-\d{4}-\d{6}$/);
    expect(trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    await shot(op, '02-operator-handover');
    await op.getByRole('link', { name: 'Klaim wilayah saya' }).click();
    await op.getByRole('link', { name: claimNumber }).waitFor();
    await shot(op, '03-operator-claims');

    // --- BPJS officer: queue, assign to self, verify
    const off = await newPage();
    await uiLogin(off, base, 'bpjs.officer');
    await off.getByRole('heading', { name: 'Antrean kerja' }).waitFor();
    await off.getByRole('button', { name: `Ambil ${claimNumber}` }).click();
    await off.getByText(`${claimNumber} sekarang ditangani oleh Anda.`).waitFor();
    expect(await seriousViolations(off)).toEqual([]);
    await shot(off, '04-officer-queue');
    await off.getByRole('link', { name: claimNumber }).click();
    await stageIs(off, 'Menunggu verifikasi petugas');
    await off.getByTestId('coverage-outcome').filter({ hasText: 'COVERED' }).waitFor();
    await off.getByLabel('Penyebab kematian').selectOption('no');
    await off
      .getByLabel('Alasan', { exact: true })
      .fill('Serangan jantung di rumah setelah bertugas; bukan akibat kerja');
    await off.getByRole('button', { name: 'Simpan verifikasi' }).click();
    await stageIs(off, 'Pengumpulan dan pemeriksaan dokumen');

    // --- the family (a 360 px phone) opens the link and uploads what it is asked for
    const fam = await newPage(360, 740);
    await fam.goto(`${base}/lacak/${claimNumber}#kode=${trackingCode}`);
    await fam.getByTestId('stage').filter({ hasText: 'Pengumpulan dan pemeriksaan dokumen' }).waitFor();
    const firstUpload = fam.locator('form.upload').first();
    const familyDoc = (await firstUpload.locator('label strong').textContent())!.trim();
    const familyCode = (await firstUpload.getAttribute('data-doc'))!;
    await firstUpload
      .locator('input[type=file]')
      .setInputFiles({ name: 'dokumen.pdf', mimeType: 'application/pdf', buffer: PDF });
    await firstUpload.getByRole('button', { name: 'Unggah' }).click();
    await fam.getByText(`Terkirim: ${familyDoc}. Petugas akan memeriksanya.`).waitFor();
    expect(await seriousViolations(fam)).toEqual([]);
    await shot(fam, '05-family-documents-360');

    // --- the officer uploads the rest, previews, then accepts every document
    await off.reload();
    await stageIs(off, 'Pengumpulan dan pemeriksaan dokumen');
    // the family's upload reached the officer: preview it (a PDF is downloaded, an image shown inline)
    const download = off.waitForEvent('download');
    await off
      .locator(`tr[data-doc="${familyCode}"]`)
      .getByRole('button', { name: /^Lihat / })
      .click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`^${claimNumber}-.*\\.pdf$`));
    await off.getByText('PDF diunduh.').waitFor();
    for (;;) {
      const input = off.locator('input[type=file]').first();
      if ((await input.count()) === 0) break;
      const label = (await input.getAttribute('aria-label'))!.replace(/^Berkas /, '');
      const code = (await input.locator('xpath=ancestor::tr').getAttribute('data-doc'))!;
      await input.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: PDF });
      await off.getByRole('button', { name: `Unggah ${label}` }).click();
      await off.getByText(`${label} terunggah.`).waitFor();
      await off.getByTestId(`doc-status-${code}`).filter({ hasText: 'menunggu diperiksa' }).waitFor();
    }
    for (;;) {
      const accept = off.getByRole('button', { name: /^Terima / }).first();
      if ((await accept.count()) === 0) break;
      const name = (await accept.getAttribute('aria-label'))!;
      const code = (await accept.locator('xpath=ancestor::tr').getAttribute('data-doc'))!;
      await accept.click();
      await off.getByText(`${name.replace(/^Terima /, '')} diterima.`).waitFor();
      await off.getByTestId(`doc-status-${code}`).filter({ hasText: 'diterima' }).waitFor();
    }
    await stageIs(off, 'Penghitungan manfaat');
    await off.getByTestId('benefit-total').filter({ hasText: 'Rp42.000.000' }).waitFor();
    await off.getByRole('button', { name: 'Ajukan manfaat' }).click();
    await stageIs(off, 'Menunggu persetujuan pembayaran');
    // the officer who proposed is not offered the payee form (four-eyes: the proposer does not designate the payee)
    await off.getByRole('button', { name: 'Simpan rekening' }).waitFor({ state: 'detached' });
    expect(await seriousViolations(off)).toEqual([]);
    // the KPU operator enters the heir's account; the bank simulator knows only opened accounts: it is opened
    // under the same holder name
    bank.openAccount({ bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' });
    await op.getByRole('link', { name: claimNumber }).click();
    await op.getByLabel('Nomor rekening').fill('1234567890');
    await op.getByLabel('Nama pemilik rekening').fill('Siti Aminah');
    await op.getByRole('button', { name: 'Simpan rekening' }).click();
    await op.getByText('Rekening tersimpan (disamarkan).').waitFor();
    expect(await seriousViolations(op)).toEqual([]);
    await shot(off, '06-officer-case-view');

    // --- the supervisor approves (four-eyes: not the proposer)
    const sup = await newPage();
    await uiLogin(sup, base, 'bpjs.supervisor');
    await sup.getByRole('link', { name: 'Persetujuan' }).click();
    await sup.getByRole('link', { name: claimNumber }).click();
    await sup.getByTestId('four-eyes-rule').getByText('bpjs.officer').waitFor();
    await sup.getByTestId('approval-count').filter({ hasText: '0 / 1' }).waitFor();
    expect(await seriousViolations(sup)).toEqual([]);
    await shot(sup, '07-supervisor-approval');
    await sup.getByRole('button', { name: 'Setujui pembayaran' }).click();
    await stageIs(sup, 'Selesai', 90000);
    await shot(sup, '08-supervisor-closed');

    // --- the family sees Paid with the amount
    await fam.reload();
    await fam.getByTestId('payout-status').filter({ hasText: 'Sudah dibayar' }).waitFor();
    expect(await fam.getByTestId('payout-amount').textContent()).toBe('Rp42.000.000');
    await fam.getByText('BNI ******7890').waitFor();
    await fam.getByRole('button', { name: 'English' }).click();
    await fam.getByTestId('payout-status').filter({ hasText: 'Paid' }).waitFor();
    expect(await seriousViolations(fam)).toEqual([]);
    await shot(fam, '09-family-paid-360');
  });

  it('a four-eyes violation is refused by the server and the refusal is shown to the supervisor', async () => {
    // set-up through the api: a work-related death of a Rp2.500.000 wage (Rp142.000.000, two approvers needed)
    const occurredAt = new Date(Date.now() - 5 * 3600e3);
    const nik = await coveredWorker(occurredAt, 2_500_000);
    const operator = await apiAs(base, 'kpu.kotabandung');
    const officer = await apiAs(base, 'bpjs.officer2');
    const filed = await operator.post('/incidents', {
      workerNik: nik,
      incidentType: 'DEATH',
      occurredAt: `${jakarta(occurredAt).date}T${jakarta(occurredAt).time}:00+07:00`,
      regionCode: '3273011001',
      tpsNumber: 3,
    });
    const n = filed.claimNumber as string;
    const waitStage = async (stage: string) => {
      for (let i = 0; i < 300; i++) {
        const c = await officer.get(`/claims/${n}`);
        if (c.state?.stage === stage) return c;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`${n} never reached ${stage}`);
    };
    await waitStage('AWAITING_VERIFICATION');
    const verified = await officer.post(`/claims/${n}/verification`, {
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: true,
      reason: 'Kelelahan saat penghitungan suara, akibat kerja',
    });
    for (const d of verified.documents as { code: string }[])
      await officer.upload(`/claims/${n}/documents`, d.code);
    await waitStage('DOCUMENTS');
    for (const d of verified.documents as { code: string }[]) {
      for (let i = 0; ; i++) {
        try {
          await officer.post(`/claims/${n}/documents/${d.code}/review`, { decision: 'ACCEPT' });
          break;
        } catch (err) {
          if (i > 50) throw err; // the upload signal may still be on its way
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    await waitStage('BENEFIT_PROPOSAL');
    const proposed = await officer.post(`/claims/${n}/benefit/proposal`);
    expect(proposed.approvalsRequired).toBe(2);
    bank.openAccount({ bankCode: 'BNI', accountNumber: '9876543210', holderName: 'Ahli Waris' });
    await operator.post(`/claims/${n}/payee`, {
      bankCode: 'BNI',
      accountNumber: '9876543210',
      holderName: 'Ahli Waris',
    });

    const sup = await newPage();
    await uiLogin(sup, base, 'bpjs.supervisor');
    await sup.goto(`${base}/klaim/${n}`);
    await sup.getByTestId('approval-count').filter({ hasText: '0 / 2' }).waitFor();
    await sup.getByRole('button', { name: 'Setujui pembayaran' }).click();
    await sup.getByTestId('approval-count').filter({ hasText: '1 / 2' }).waitFor();
    await sup.getByText('Anda sudah menyetujui klaim ini; penyetuju kedua harus orang lain.').waitFor();
    // the same supervisor tries again: the workflow's validator refuses, nothing changes
    await sup.getByRole('button', { name: 'Setujui pembayaran' }).click();
    const alert = sup.getByRole('alert').filter({ hasText: 'aturan empat mata' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'four-eyes: the second approval must come from a different approver',
    );
    await sup.getByTestId('approval-count').filter({ hasText: '1 / 2' }).waitFor();
    await shot(sup, '10-four-eyes-refused');
  });

  it('filing on a 360 px phone: no horizontal scroll, the draft survives a reload and a dropped network', async () => {
    const occurredAt = new Date(Date.now() - 2 * 3600e3);
    const nik = await coveredWorker(occurredAt);
    const page = await newPage(360, 740);
    await uiLogin(page, base, 'kpu.kotabandung');
    await page.getByRole('heading', { name: 'Lapor insiden' }).waitFor();
    await fillIncident(page, nik, occurredAt);
    const overflow = () =>
      page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, '11-operator-file-360');

    // a reload keeps everything typed so far
    await page.getByTestId('draft-note').filter({ hasText: 'Draf tersimpan' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Lapor insiden' }).waitFor();
    expect(await page.getByLabel('NIK petugas').inputValue()).toBe(nik);
    await page
      .getByLabel('Desa/kelurahan')
      .locator('option[value="3273011001"]')
      .waitFor({ state: 'attached' });
    expect(await page.getByLabel('Desa/kelurahan').inputValue()).toBe('3273011001');

    // the network drops while sending: the draft stays, a resend files exactly once
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tidak ada koneksi' }).waitFor();
    expect(await page.getByLabel('NIK petugas').inputValue()).toBe(nik);
    await shot(page, '12-operator-offline-360');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const claimNumber = (await page.getByTestId('claim-number').textContent())!.trim();
    expect(claimNumber).toMatch(/^SGP-/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, '13-operator-handover-360');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM incident WHERE worker_nik = $1`, [nik]);
    expect(n).toBe(1);
  });
});
