// Launches the browsers Streakbox is tested and measured in, through npm
// puppeteer-core: Debian's Chromium over CDP and Debian's Firefox ESR over
// WebDriver BiDi (no geckodriver). The end-to-end harness (tests/e2e) and the
// benchmarks (tools/lib/bench) both start their browsers here, so the two
// engines are set up in one place.
import puppeteer from 'puppeteer-core';

export const ENGINES = ['chromium', 'firefox'];

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Firefox prefs a test run needs: downloads saved without a dialog, storage
// persistence answered without a prompt (headless, the prompt would wait
// forever), no first-run pages or update checks.
function firefoxPrefs(downloadDir) {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': downloadDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.manager.showWhenStarting': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/json,application/octet-stream,application/vnd.sqlite3,text/csv',
    'dom.storageManager.prompt.testing': true,
    'dom.storageManager.prompt.testing.allow': true,
    'browser.shell.checkDefaultBrowser': false,
    'app.update.enabled': false,
  };
}

/**
 * Starts `engine` ('chromium' | 'firefox') headless on the persistent profile
 * `userDataDir` (kept between launches: OPFS survives a restart), saving
 * downloads into `downloadDir`. `privateMode` (Firefox only) opens every window
 * as a private one, where the browser refuses OPFS. `prefs` adds Firefox prefs.
 * Returns puppeteer's Browser.
 */
export async function launchBrowser(engine, { userDataDir, downloadDir, privateMode = false, prefs = {} }) {
  if (engine === 'chromium') {
    if (privateMode) throw new Error('private mode is a Firefox launch option here');
    const browser = await puppeteer.launch({
      browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, userDataDir,
      args: CHROMIUM_ARGS, defaultViewport: null, protocolTimeout: 600000,
    });
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir, eventsEnabled: true });
    return browser;
  }
  if (engine === 'firefox') {
    return puppeteer.launch({
      browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, userDataDir,
      protocol: 'webDriverBiDi', defaultViewport: null, protocolTimeout: 600000,
      extraPrefsFirefox: {
        ...firefoxPrefs(downloadDir),
        ...(privateMode ? { 'browser.privatebrowsing.autostart': true } : {}),
        ...prefs,
      },
    });
  }
  throw new Error(`unknown engine ${engine} (${ENGINES.join(', ')})`);
}
