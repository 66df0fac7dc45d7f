// The figures compared across browser engines (run by tools/bench in Chromium
// and in Firefox): the worker's open, and the round trip of the call a user's
// click makes, setCheck (check, day status, durable commit), from the page.
// Results land in window.benchResults.
import { createStreakbox } from './api.js';
import { publish } from './publish.mjs';

const TOGGLES = 200;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const t0 = performance.now();
  const sb = createStreakbox(new URL('./worker.js', import.meta.url));
  await sb.ready();
  const openMs = performance.now() - t0;
  const p = await sb.createProfile({ name: 'Bench' });
  const t = await sb.createTask(p, { title: 'Run' });
  const today = sb.today();
  await sb.setCheck(p, t, today, true);  // warm up
  const times = [];
  for (let i = 0; i < TOGGLES; i++) {
    const s = performance.now();
    await sb.setCheck(p, t, today, i % 2 === 0);
    times.push(performance.now() - s);
  }
  return { open_ms: openMs, set_check_ms: median(times), toggles: TOGGLES, user_agent: navigator.userAgent };
}

publish(main());
