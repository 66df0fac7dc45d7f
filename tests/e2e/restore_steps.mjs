// The steps of "Bring a file back" (www/ui/restore_flow.js) as the e2e tests
// take them: pick a file in Settings → Restore, read the identify card, pick
// a choice (and a target), wait for its preview, confirm, read the banner.
export const DIALOG = '#restore-dialog[open]';

/** Opens Settings with the Restore section's file input there. */
export async function openRestore(page) {
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#restore-file', { state: 'attached' });
}

/** Picks `file` (a path or {name, mimeType, buffer}); resolves once the identify card shows (not for a password prompt or a refusal). */
export async function pickFile(page, file, { identified = true } = {}) {
  await page.setInputFiles('#restore-file', file);
  if (identified) await identifiedCard(page);
}

export const identifiedCard = (page) => page.waitForSelector(`${DIALOG} #restore-identity`);

/** The preview of the current choice is in (the confirm button enabled again). */
export const previewReady = (page) => page.handle(`${DIALOG} [data-confirm]`, { state: 'visible', enabled: true });

/** Chooses 'merge', 'one' or 'all' (and `target`, a profile id or 'new'), and waits for its preview. */
export async function choose(page, choice, { target } = {}) {
  await page.click(`${DIALOG} input[name="restore-choice"][value="${choice}"]`);
  if (target !== undefined) {
    await page.handle(`${DIALOG} #restore-target`, { state: 'visible' });
    await page.evaluate((value) => {
      const s = document.querySelector('#restore-dialog #restore-target');
      s.value = String(value);
      s.dispatchEvent(new Event('change', { bubbles: true }));
    }, target);
  }
  await previewReady(page);
}

/** The values of the choices offered, in order. */
export const choices = (page) => page.$$eval(`${DIALOG} input[name="restore-choice"]`, (els) => els.map((e) => e.value));

export const previewText = async (page) => {
  await previewReady(page);
  return page.textContent(`${DIALOG} #restore-preview`);
};

/** Confirms and waits for the banner; resolves its message. */
export async function confirm(page) {
  await previewReady(page);
  // The banner of an earlier step stays until dismissed: wait for this step's own.
  await page.evaluate(() => document.querySelector('#undo-message')?.remove());
  await page.click(`${DIALOG} [data-confirm]`);
  await page.waitForSelector('#undo-offer #undo-message');
  return page.textContent('#undo-message');
}

/** Opens the Actions menu of the log card `card` (a selector) and picks `action` ('download', 'verify', 'restore', 'delete'). */
export async function logAction(page, card, action) {
  await page.click(`${card} .menu-button`);
  await page.click(`${card} .menu:not([hidden]) [data-action="${action}"]`);
}

/** The log's Restore of `card`: its file through the flow, up to the identify card. */
export async function logRestore(page, card) {
  await logAction(page, card, 'restore');
  await identifiedCard(page);
}
