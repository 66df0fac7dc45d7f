// Shows a benchmark page's outcome: the results (or the error) go to
// window.benchResults, which tools/lib/bench/run.mjs waits for, and on the page.
export function publish(results) {
  const out = document.getElementById('out');
  results.then((r) => {
    window.benchResults = r;
    out.textContent = JSON.stringify(r, null, 2);
  }, (e) => {
    window.benchResults = { error: String(e.stack || e) };
    out.textContent = String(e.stack || e);
  });
}
