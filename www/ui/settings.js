// Settings: storage used and quota, persistent storage (and asking for it), a
// copy outside the browser (ui/offsite.js),
// app info, Backups (ui/backup_schedule.js) with the stored backup password
// (ui/backup_password.js), Backup & Restore (ui/backup_files.js) and the
// spreadsheet download (ui/csv_export.js).
import { backupCard } from './backup_files.js';
import { backupPasswordCard } from './backup_password.js';
import { backupsCard } from './backup_schedule.js';
import { csvExportCard } from './csv_export.js';
import { offsiteSection } from './offsite.js';
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
    h('p', { id: 'persist-status' }, 'Nothing is saved in this window: Streakbox works from this tab’s memory (see the notice above). Export a backup below to keep your data.'));
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

function infoCard(info, build) {
  const row = (term, value) => [h('dt', {}, term), h('dd', {}, h('code', {}, String(value)))];
  return h('section', { class: 'card', 'aria-labelledby': 'about-title' },
    h('h2', { id: 'about-title' }, 'About this Streakbox'),
    h('dl', { class: 'info', id: 'app-info' },
      row('Database schema version', info.schema_version),
      row('SQLite version', info.sqlite_version),
      row('Instance ID', info.instance_id),
      build ? row('Build', build) : null));
}

async function buildStamp() {
  try {
    const res = await fetch(new URL('./version.json', document.baseURI));
    return res.ok ? (await res.json()).build : null;
  } catch {
    return null;
  }
}

export async function renderSettings(section, app) {
  const storage = storageCard(app, await offsiteSection(app));
  const [info, build, backups] = await Promise.all([app.sb.info(), buildStamp(), backupsCard(app), storage.refresh()]);
  section.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Settings')),
    storage.card,
    backups,
    backupPasswordCard(app),
    backupCard(app),
    csvExportCard(app),
    themeCard(),  // Appearance (ui/theme.js)
    infoCard(info, build));
}
