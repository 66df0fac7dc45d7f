// The figures compared across browser engines (run by tools/bench in Chromium
// and in Firefox): the worker's open, and the round trip of the call a user's
// click makes, setCheck (check, day status, durable commit), from the page.
// Results land in window.benchResults.
import { createStreakbox } from './api.js';
import { publish } from './publish.mjs';

const TOGGLES = 200;

async function main() {
  const t0 = performance.now();
  const sb = createStreakbox(new URL('./worker.js', import.meta.url));
  await sb.ready();
  const openMs = performance.now() - t0;
  const p = await sb.createProfile({ name: 'Bench' });
  const t = await sb.createTask(p, { title: 'Run' });
  const today = sb.today();
  await sb.setCheck(p, t, today, true);  // warm up
  // The mean over all toggles: Firefox's clock has 1 ms resolution, so each
  // round trip alone (a few ms) would be rounded.
  const s = performance.now();
  for (let i = 0; i < TOGGLES; i++) await sb.setCheck(p, t, today, i % 2 === 0);
  const setCheckMs = (performance.now() - s) / TOGGLES;
  return { open_ms: openMs, set_check_ms: setCheckMs, toggles: TOGGLES, user_agent: navigator.userAgent };
}

publish(main());
