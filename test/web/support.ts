import AxeBuilder from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import { DEMO_PASSWORD, seedDemoUsers } from '@sigap/auth';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-app';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

export { CHROMIUM, CHROMIUM_ARGS };

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHOTS = path.join(ROOT, 'test', '.artifacts', 'screenshots');

/** Builds apps/web when there is no build yet (CI runs `npm run web:build` before the tests). */
export function ensureWebBuild(): void {
  if (fs.existsSync(path.join(ROOT, 'apps', 'web', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, stdio: 'inherit' });
}

/** The real api app (serving the built web app) listening on a free port. */
export async function startListeningApi(): Promise<{ app: INestApplication; base: string }> {
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  await seedDemoUsers(app.get(DataSource));
  const addr = app.getHttpServer().address() as { port: number };
  return { app, base: `http://127.0.0.1:${addr.port}` };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page: the serious and critical violations (none is expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function uiLogin(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByTestId('whoami').waitFor();
}

/** A small valid PDF (the api checks the magic bytes). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Date and time in Asia/Jakarta, as the form's date and time inputs take them. */
export function jakarta(d: Date): { date: string; time: string } {
  const iso = new Date(d.getTime() + 7 * 3600e3).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Calls the api as a user (for the set-up of a test that is about a later screen). */
export async function apiAs(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = async (method: string, p: string, body?: unknown): Promise<any> => {
    const isForm = body instanceof FormData;
    const r = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body && !isForm ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, body?: unknown) => call('POST', p, body ?? {}),
    upload: (p: string, documentCode: string) => {
      const fd = new FormData();
      fd.append('documentCode', documentCode);
      fd.append('file', new Blob([PDF], { type: 'application/pdf' }), `${documentCode}.pdf`);
      return call('POST', p, fd);
    },
  };
}
