// Settings, in sections, in this order:
//   Backups         schedule, where, "Back up now", saving a file, the log (ui/backup_schedule.js)
//   Restore         "Bring a file back", the one way a file comes back (ui/restore_flow.js)
//   Backup password ui/backup_password.js
//   Spreadsheet     the CSV download (ui/csv_export.js)
//   Appearance      the theme choice (ui/theme.js)
//   Storage         usage, persistent storage, a copy outside the browser (ui/offsite.js)
//   About           the version; technical details behind "Details"
import { backupPasswordCard } from './backup_password.js';
import { backupsCard } from './backup_schedule.js';
import { csvExportCard } from './csv_export.js';
import { offsiteSection } from './offsite.js';
import { restoreSection } from './restore_flow.js';
import { themeCard } from './theme.js';
import { h, errorLine, showError, hideError, busy } from './dom.js';

function bytes(n) {
  if (n == null) return 'unknown';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

const PERSIST_WORDS = {
  true: 'Granted. This browser will keep Streakbox’s data until you delete it yourself.',
  false: 'Not granted yet. Your data is saved, but the browser may clear it if the device runs very low on space.',
};

const persistResult = (granted) => (granted
  ? 'Done: the browser agreed to keep your data.'
  : 'The browser said no for now. Browsers decide this themselves (Chrome, for example, agrees more readily for sites you bookmark, install or use often). Your data is still saved; try again later.');

// In memory (ui/storage_notice.js) nothing is saved, so there is nothing to measure or ask the browser to keep.
function memoryStorageCard() {
  const card = h('section', { class: 'card', 'aria-labelledby': 'storage-title' },
    h('h2', { id: 'storage-title' }, 'Storage'),
    h('p', { id: 'persist-status' }, 'Nothing is saved in this window: Streakbox works from this tab’s memory (see the notice above). Save a backup file under Backups to keep your data.'));
  return { card, refresh: async () => {} };
}

function storageCard(app, offsite) {
  if (app.sb.state.storage === 'memory') return memoryStorageCard();
  const usage = h('strong', { id: 'storage-usage' }, '…');
  const quota = h('strong', { id: 'storage-quota' }, '…');
  const meter = h('meter', { min: 0, max: 1, value: 0, 'aria-label': 'Share of the storage allowance in use' });
  const persisted = h('p', { id: 'persist-status' });
  const result = h('p', { id: 'persist-result', class: 'result', role: 'status' });
  const err = errorLine();
  async function refresh() {
    const s = await app.sb.storage();
    usage.textContent = bytes(s.usage);
    quota.textContent = bytes(s.quota);
    meter.value = s.usage && s.quota ? s.usage / s.quota : 0;
    persisted.replaceChildren(h('strong', {}, 'Persistent storage: '), PERSIST_WORDS[Boolean(s.persisted)]);
    ask.hidden = Boolean(s.persisted);
  }
  const ask = h('button', {
    type: 'button', class: 'button', id: 'request-persistence',
    onclick: () => busy(ask, async () => {
      hideError(err);
      try {
        result.textContent = persistResult(await app.sb.requestPersistence());
        await refresh();
      } catch (e) {
        showError(err, e);
      }
    }),
  }, 'Ask the browser to keep my data');
  const card = h('section', { class: 'card', 'aria-labelledby': 'storage-title' },
    h('h2', { id: 'storage-title' }, 'Storage'),
    h('p', {}, 'Streakbox uses ', usage, ' of the ', quota, ' this browser allows for it.'),
    meter, persisted, ask, result, err, offsite);
  return { card, refresh };
}

// The version in words; what only a developer or a bug report needs behind "Details".
function infoCard(info, build, version) {
  const row = (term, value) => [h('dt', {}, term), h('dd', {}, h('code', {}, String(value)))];
  return h('section', { class: 'card', id: 'about', 'aria-labelledby': 'about-title' },
    h('h2', { id: 'about-title' }, 'About'),
    h('p', {}, `Streakbox${version ? ` ${version}` : ''}: your habits, kept in this browser, on this device.`),
    h('details', { class: 'about-details' },
      h('summary', {}, 'Details'),
      h('p', { class: 'muted' }, 'For a bug report. The database file that Settings → Backups saves also opens with the command-line tool tools/streakbox.'),
      h('dl', { class: 'info', id: 'app-info' },
        row('Database schema version', info.schema_version),
        row('SQLite version', info.sqlite_version),
        row('Instance ID', info.instance_id),
        build ? row('Build', build) : null)));
}

/** Restore: the one way a file comes back. */
function restoreCard(app) {
  return h('section', { class: 'card', id: 'restore', 'aria-labelledby': 'restore-title' },
    h('h2', { id: 'restore-title' }, 'Restore'),
    restoreSection(app).element);
}

/** Appearance: the theme choice (ui/theme.js). */
function appearanceCard() {
  return themeCard();
}

async function buildStamp() {
  try {
    const res = await fetch(new URL('./version.json', document.baseURI));
    return res.ok ? await res.json() : {};
  } catch {
    return {};
  }
}

export async function renderSettings(section, app) {
  const storage = storageCard(app, await offsiteSection(app));
  const [info, stamp, backups] = await Promise.all([app.sb.info(), buildStamp(), backupsCard(app), storage.refresh()]);
  section.append(...[
    h('div', { class: 'view-head' }, h('h1', {}, 'Settings')),
    backups,
    restoreCard(app),
    backupPasswordCard(app),
    csvExportCard(app),
    appearanceCard(),
    storage.card,
    infoCard(info, stamp.build, stamp.version || info.version)].filter(Boolean));
}
