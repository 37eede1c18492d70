/**
 * Lighthouse-style budgets of the family tracking page (npm run bench:web):
 *   - the JavaScript and CSS the page loads, compressed (brotli as served, gzip for reference): budget 150 KB
 *   - first contentful paint and the form being usable, on a throttled "slow 3G" phone (400 kbit/s, 400 ms RTT,
 *     4x CPU slowdown, 360 px), cold cache
 *   - cumulative layout shift while loading
 * Serves apps/web/dist the way the api does (precompressed files); builds it first when missing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/web/chromium';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'apps', 'web', 'dist');
const BUDGET_KB = 150;

function familyAssets(): string[] {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
}

function serve(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split(/[?#]/)[0];
    let file = path.join(DIST, path.normalize(p));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      file = path.join(DIST, 'index.html');
    const type =
      { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html' }[
        path.extname(file)
      ] ?? 'application/octet-stream';
    let body = fs.readFileSync(file);
    if (/\bbr\b/.test(String(req.headers['accept-encoding'])) && fs.existsSync(`${file}.br`)) {
      body = fs.readFileSync(`${file}.br`);
      res.setHeader('Content-Encoding', 'br');
    }
    res.setHeader('Content-Type', type);
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'index.html')))
    execFileSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, stdio: 'inherit' });
  const assets = familyAssets();
  let raw = 0;
  let br = 0;
  let gz = 0;
  for (const a of assets) {
    const f = path.join(DIST, a);
    raw += fs.statSync(f).size;
    br += fs.statSync(`${f}.br`).size;
    gz += fs.statSync(`${f}.gz`).size;
  }
  const html = fs.statSync(path.join(DIST, 'index.html')).size;

  const srv = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const runs: { fcp: number; usable: number; cls: number; transferred: number }[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext({
        viewport: { width: 360, height: 740 },
        isMobile: true,
        locale: 'id-ID',
      });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 400,
        downloadThroughput: (400 * 1024) / 8,
        uploadThroughput: (400 * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let transferred = 0;
      cdp.on(
        'Network.loadingFinished',
        (e: { encodedDataLength: number }) => (transferred += e.encodedDataLength),
      );
      await page.addInitScript(`
        window.__cls = 0;
        new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
          .observe({ type: 'layout-shift', buffered: true });
      `);
      const t0 = Date.now();
      await page.goto(`${srv.url}/lacak`, { waitUntil: 'commit' });
      await page.getByRole('button', { name: 'Lacak', exact: true }).waitFor();
      const usable = Date.now() - t0;
      await page.waitForLoadState('load');
      const fcp = (await page.evaluate(
        `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`,
      )) as number;
      const cls = (await page.evaluate('window.__cls')) as number;
      runs.push({ fcp, usable, cls, transferred });
      await ctx.close();
    }
  } finally {
    await browser.close();
    srv.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const ok = br / 1024 <= BUDGET_KB;
  const rows: [string, string][] = [
    ['family page JS + CSS files', assets.join(', ')],
    ['  uncompressed', kb(raw)],
    ['  brotli (as served)', `${kb(br)}  (budget ${BUDGET_KB} KB: ${ok ? 'OK' : 'OVER'})`],
    ['  gzip', kb(gz)],
    ['index.html', kb(html)],
    ['slow 3G (400 kbit/s, 400 ms RTT, CPU 4x), 360 px, cold cache — median of 3', ''],
    ['  first contentful paint', `${median(runs.map((r) => r.fcp)).toFixed(0)} ms`],
    ['  form usable (Lacak button rendered)', `${median(runs.map((r) => r.usable))} ms`],
    ['  bytes transferred', kb(median(runs.map((r) => r.transferred)))],
    ['  cumulative layout shift', median(runs.map((r) => r.cls)).toFixed(3)],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
