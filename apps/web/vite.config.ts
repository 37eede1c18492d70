import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { regionsPlugin } from './regions-plugin';

/**
 * apps/web: built to apps/web/dist, which the api serves in production (apps/api/src/create-app.ts).
 * `npm run web:dev` proxies /api and /health to a running api (SIGAP_API_URL, default http://127.0.0.1:3000).
 * No secret ever reaches the bundle: only VITE_* variables are exposed, and none is used.
 */
const api = process.env.SIGAP_API_URL ?? 'http://127.0.0.1:3000';

/** Brotli and gzip variants of every text file, served by the api when the browser accepts them. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'sigap-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    writeBundle() {
      const walk = (d: string): string[] =>
        fs
          .readdirSync(d, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|json|svg)$/.test(file)) continue;
        const buf = fs.readFileSync(file);
        // best compression for the app's code, quick for the region files (many, and fetched one at a time)
        const quality = file.includes(`${path.sep}assets${path.sep}`) ? 11 : 5;
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality } }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(buf, { level: quality === 11 ? 9 : 6 }));
      }
    },
  };
}

export default defineConfig({
  root: __dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [regionsPlugin(), precompress()],
  build: {
    outDir: path.join(__dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': api, '/health': api },
  },
});
