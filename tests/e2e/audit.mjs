// What every view and dialog of the e2e suite is held to, in one call:
// audit(page, name) looks at the page as it is now and
//   - writes a screenshot to build/screenshots/NAME-WIDTH-THEME-ENGINE.png
//     (WIDTH is the viewport's CSS width, THEME 'light' or 'dark' from the
//     root element's computed color-scheme), so each stop can look at them;
//   - fails if the page is wider than the viewport (sideways scrolling);
//   - runs axe-core (pinned in package.json, all rules axe runs by default)
//     over the document and fails listing every violation, with its nodes.
// Call it after the view or dialog has settled (no transition running).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE, ROOT } from './harness.mjs';

export const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The page's width and theme, as the screenshot's name states them. */
async function looks(page) {
  return page.evaluate(() => ({
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    theme: getComputedStyle(document.documentElement).colorScheme.includes('dark') ? 'dark' : 'light',
  }));
}

/** Screenshot, width check and axe-core run of the page as it is; returns the screenshot's path. */
export async function audit(page, name) {
  const { width, scrollWidth, theme } = await looks(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}-${width}-${theme}-${ENGINE}.png`);
  await page.screenshot({ path, fullPage: true });
  assert.ok(scrollWidth <= width, `${name} at ${width}px (${theme}) is ${scrollWidth}px wide: it scrolls sideways`);
  const violations = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')}`);
  }, AXE);
  assert.deepEqual(violations, [], `${name} at ${width}px (${theme}): axe-core found:\n${violations.join('\n')}`);
  return path;
}
