// Drives the storage benchmark (bench.html) and the backup benchmark
// (backup-bench.html) in headless Chromium, the engine comparison
// (engine-bench.html: open and setCheck round trip) and the app's load time in
// Chromium and in Firefox, and prints the figures for docs/PERFORMANCE.md.
//   node tools/lib/bench/run.mjs SITE_DIR OUT_JSON
import { mkdtempSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../browsers.mjs';
import { serveStatic } from '../static-server.mjs';

const [siteDir, outFile] = process.argv.slice(2);
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Runs fn(browser) in `engine` on a fresh profile.
async function withBrowser(fn, engine = 'chromium') {
  const dir = mkdtempSync(join(tmpdir(), `streakbox-bench-${engine}-`));
  const browser = await launchBrowser(engine, { userDataDir: join(dir, 'profile'), downloadDir: join(dir, 'downloads') });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Time from navigation start to the app's 'streakbox-interactive' mark (first
// render with data), on a warm HTTP cache but a fresh worker each time.
async function loadTimes(url, engine) {
  return withBrowser(async (browser) => {
    const times = [];
    const page = await browser.newPage();
    for (let i = 0; i < LOAD_RUNS; i++) {
      await page.goto(url);
      times.push(await page.evaluate(() => new Promise((resolve) => {
        const poll = () => {
          const m = performance.getEntriesByName('streakbox-interactive')[0];
          if (m) resolve(m.startTime);
          else if (performance.now() > 30000) resolve(NaN); // the app never marked itself interactive
          else setTimeout(poll, 5);
        };
        poll();
      })));
    }
    return times;
  }, engine);
}

// Runs one benchmark page in a fresh browser profile; returns its window.benchResults.
async function runPage(url, engine) {
  const r = await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.benchResults, { timeout: 1200000, polling: 1000 });
    return page.evaluate(() => window.benchResults);
  }, engine);
  if (r.error) throw new Error(r.error);
  return r;
}

// Chromium and Firefox one after the other in this run: open, setCheck and
// load to interactive in each, and Firefox / Chromium for each.
async function engineFigures(url, chromiumLoad) {
  const engines = {};
  for (const engine of ['chromium', 'firefox']) {
    const page = await runPage(`${url}engine-bench.html`, engine);
    const runs = engine === 'chromium' && chromiumLoad ? chromiumLoad : LOAD_RUNS > 0 ? await loadTimes(url, engine) : [NaN];
    engines[engine] = { ...page, load_to_interactive_ms: { median: median(runs), runs } };
  }
  const ratio = (k) => (k === 'load' ? engines.firefox.load_to_interactive_ms.median / engines.chromium.load_to_interactive_ms.median
    : engines.firefox[k] / engines.chromium[k]);
  const f = (x) => x.toFixed(2);
  const text = `Engines, same run (Firefox ESR / Chromium; above 1 means Firefox is slower):
                          Chromium      Firefox    ratio
  load to interactive, ms ${f(engines.chromium.load_to_interactive_ms.median).padStart(9)} ${f(engines.firefox.load_to_interactive_ms.median).padStart(12)}   ${f(ratio('load'))}
  setCheck, mean ms       ${f(engines.chromium.set_check_ms).padStart(9)} ${f(engines.firefox.set_check_ms).padStart(12)}   ${f(ratio('set_check_ms'))}
  worker + wasm + open, ms${f(engines.chromium.open_ms).padStart(10)} ${f(engines.firefox.open_ms).padStart(12)}   ${f(ratio('open_ms'))}`;
  return { engines: { ...engines, ratio_firefox_to_chromium: { load: ratio('load'), set_check: ratio('set_check_ms'), open: ratio('open_ms') } }, text };
}

const { server, url } = await serveStatic(siteDir, { port: 0 });
try {
  if (process.env.BENCH_ONLY === 'engines') {  // tools/bench engines: only the comparison across engines
    const { engines, text } = await engineFigures(url, null);
    writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), engines }, null, 2));
    console.log(`${text}\n(written to ${outFile})`);
    process.exit(0);
  }
  const bench = await runPage(`${url}bench.html`);
  const backup = await runPage(`${url}backup-bench.html`);
  const load = LOAD_RUNS > 0 ? await loadTimes(url, 'chromium') : [NaN];
  const { engines, text: enginesText } = await engineFigures(url, load);
  const wasm = readFileSync(join(siteDir, 'streakbox.wasm'));
  const results = {
    date: new Date().toISOString(),
    ...bench,
    backup,
    load_to_interactive_ms: { median: median(load), runs: load },
    engines,
    wasm_bytes: { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length,
      js_glue_raw: statSync(join(siteDir, 'streakbox.mjs')).size },
  };
  writeFileSync(outFile, JSON.stringify(results, null, 2));
  const f = (x) => x.toFixed(2);
  console.log(`
Storage, headless Chromium, same SQL through each VFS in a dedicated worker:
                                   ours (opfs VFS)   opfs-sahpool ${bench.sahpool.sqlite_version}   ratio (sahpool / ours)
  one toggle committed, median ms  ${f(bench.ours.toggle_ms).padStart(15)}   ${f(bench.sahpool.toggle_ms).padStart(18)}   ${f(bench.ratio.toggle)}x
  100k rows in one tx, median ms   ${f(bench.ours.bulk_100k_ms).padStart(15)}   ${f(bench.sahpool.bulk_100k_ms).padStart(18)}   ${f(bench.ratio.bulk)}x
  setCheck() through the API, median ms: ${f(bench.ours.set_check_api_ms)}
  our VFS I/O calls for the whole run: ${bench.ours.io.writes} writes, ${bench.ours.io.syncs} flushes, ${bench.ours.io.reads} reads
  worker + wasm + OPFS open: ${f(bench.ours.open_ms)} ms
Backup, headless Chromium, ${backup.file_mb.toFixed(1)} MB file (20 profiles x 30 tasks x 5 years), median of ${backup.runs}:
  export ${f(backup.export_ms)} ms = ${f(backup.export_mb_per_s)} MB/s; SELECT ceiling ${f(backup.select_ceiling_ms)} ms; ratio ${f(backup.export_ratio_to_select)}
  import ${f(backup.import_ms)} ms; INSERT ... SELECT ceiling ${f(backup.insert_ceiling_ms)} ms; ratio ${f(backup.import_ratio_to_insert)}
  wasm heap after importing one profile (${backup.one_profile_file_mb.toFixed(1)} MB): ${backup.wasm_heap_bytes.one_profile.after} bytes; the whole file: ${backup.wasm_heap_bytes.whole.after} bytes (ratio ${f(backup.wasm_heap_bytes.ratio_whole_to_one_profile)})
Encrypted backups (.ttbak) in the worker, ${(bench.ttbak.bytes / 2 ** 20).toFixed(0)} MiB, best of ${bench.ttbak.runs}:
  encrypt ${f(bench.ttbak.encrypt_mib_s)} MiB/s vs raw secretstream ${f(bench.ttbak.raw_encrypt_mib_s)} MiB/s: ratio ${f(bench.ttbak.encrypt_ratio)}
  decrypt ${f(bench.ttbak.decrypt_mib_s)} MiB/s vs raw secretstream ${f(bench.ttbak.raw_decrypt_mib_s)} MiB/s: ratio ${f(bench.ttbak.decrypt_ratio)}
  Argon2id at ${bench.ttbak.kdf.opslimit} ops / ${bench.ttbak.kdf.memlimit_kib / 1024} MiB: ${f(bench.ttbak.kdf_ms)} ms
  exportAll() of a small profile: ${f(bench.ttbak.export_plain_ms)} ms plain, ${f(bench.ttbak.export_encrypted_ms)} ms encrypted (median of 3)
App load to interactive (median of ${LOAD_RUNS}): ${f(median(load))} ms
${enginesText}
wasm: ${results.wasm_bytes.raw} bytes raw, ${results.wasm_bytes.gzip} gzipped; JS glue ${results.wasm_bytes.js_glue_raw} bytes
(written to ${outFile})`);
} finally {
  server.close();
}
