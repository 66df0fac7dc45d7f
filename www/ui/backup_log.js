// Settings → Backups, continued: the backup log, one card per backup (date,
// kind, size, whether a copy was saved outside the browser) with one
// "Actions" menu (ui/menu.js) holding Download / Check / Restore / Delete, the
// same at every width (nothing wider than a 320 px screen); its Restore goes
// through "Bring a file back" (ui/restore_flow.js). Also the "what gets backed
// up" table (the same as docs/ARCHITECTURE.md, "What gets backed up").
import { h, errorLine, showError, hideError, confirmDialog } from './dom.js';
import { downloadAndRecord } from './offsite.js';
import { menuButton } from './menu.js';
import { restoreEntry } from './restore_flow.js';
import { dateTimeOf } from './dates.js';

/**
 * The latest outcome of a log action, shown by the Backups card drawn next
 * (an action redraws the card); replaced by the next outcome.
 */
export const note = { text: '', at: 0 };
export function setNote(text) {
  note.text = text;
  note.at = Date.now();
}
export const currentNote = () => (Date.now() - note.at < 15000 ? note.text : '');

const KINDS = { manual: 'Manual backup', scheduled: 'Scheduled backup', safety: 'Safety snapshot' };
const FREQUENCY = { daily: 'daily', weekly: 'weekly', monthly: 'monthly' };
const STATUS = { failed: 'Failed', running: 'Running' };
// Where a copy exists outside the browser (backups.list()'s `outside`).
const OUTSIDE = { folder: 'Also saved outside the browser, on your disk', downloaded: 'Also saved outside the browser: downloaded' };

export function sizeText(n) {
  if (n == null) return '—';
  if (n < 1024) return `${n} bytes`;
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const countsText = (c) => (c
  ? `${plural(c.profiles, 'profile')}, ${plural(c.tasks, 'task')}, ${plural(c.task_checks, 'check')}`
  : '');
const when = (iso) => dateTimeOf(iso, '—');

/** The backup log. `redraw(text)` redraws the Backups card with `text` as its note. */
export function historySection(app, list, redraw) {
  const { sb } = app;
  // Each card says what its own actions did, right under it (the feedback next to what caused it).
  const card = (e) => {
    const result = h('p', { class: 'result log-result', role: 'status' });
    const err = errorLine();
    const problems = h('div', { class: 'log-problems' });
    const run = async (fn) => {
      hideError(err);
      result.textContent = '';
      try {
        await fn();
      } catch (x) {
        showError(err, x);
      }
    };
    const items = () => [
      ...(e.status === 'ok' ? [
        { label: 'Download', attrs: { 'data-action': 'download' }, action: () => run(async () => {
          const f = await sb.backups.download(e.id);
          await downloadAndRecord(sb, f.bytes, f.filename, 'application/octet-stream', { entryId: e.id });
          await redraw(`Downloaded ${f.filename}.`);
        }) },
        { label: 'Check', attrs: { 'data-action': 'verify' }, action: () => run(async () => {
          result.textContent = `Checking ${e.filename}…`;
          const v = await sb.backups.verify(e.id);
          result.textContent = `${e.filename} is good: unchanged since it was saved, and it reads back: ${countsText(v.counts)}.`;
        }) },
        { label: 'Restore…', attrs: { 'data-action': 'restore' }, action: () => run(() => restoreEntry(app, e, { status: result, err, problems })) },
      ] : []),
      { label: 'Delete…', attrs: { 'data-action': 'delete' }, action: () => run(async () => {
        if (await confirmDialog({ title: 'Delete this backup?', message: `${e.filename || 'This entry'} is deleted for good.`, confirmLabel: 'Delete' })) {
          await sb.backups.remove(e.id);
          await redraw('Deleted.');
        }
      }) },
    ];
    const where = e.location !== 'opfs' ? 'In your folder' : sb.state.storage === 'memory' ? 'In this tab only' : 'In this browser';
    const facts = [
      KINDS[e.kind] + (e.frequency ? ` (${FREQUENCY[e.frequency] || e.frequency})` : ''),
      e.format === 'sqlite' ? 'database file' : e.encrypted ? 'encrypted' : null,
      sizeText(e.size),
    ].filter(Boolean).join(' · ');
    return h('li', { class: 'log-card', 'data-id': e.id, 'data-kind': e.kind, 'data-status': e.status },
      h('div', { class: 'log-card-head' },
        h('strong', { class: 'log-date' }, when(e.created_at)),
        menuButton({ label: `Actions for the backup of ${when(e.created_at)}`, text: '⋯', items })),
      h('div', { class: 'log-facts' }, facts),
      e.status !== 'ok' ? h('div', { class: e.status === 'failed' ? 'error' : 'muted' }, STATUS[e.status] + (e.error ? `: ${e.error}` : '')) : null,
      h('div', { class: 'muted' }, [where, countsText(e.counts)].filter(Boolean).join(' · ')),
      e.outside ? h('div', { class: 'outside', 'data-outside': e.outside }, OUTSIDE[e.outside]) : null,
      e.retention && !e.retention.keep ? h('div', { class: 'muted' }, `Will be removed: ${e.retention.reason}`) : null,
      result, err, problems);
  };
  return h('div', { class: 'backup-history' },
    h('h3', {}, 'Backup log'),
    list.length
      ? h('ul', { class: 'log-cards', id: 'backup-history' }, list.map(card))
      : h('p', { class: 'muted', id: 'backup-history-empty' }, 'No backups yet.'));
}

const BACKED_UP = [
  ['Profiles, tasks, checks and completed days', 'Yes', 'Everything, with its dates'],
  ['App settings (including these backup settings)', 'Yes', ''],
  ['Secrets (such as the backup password)', 'Only encrypted', 'Never written in plain text'],
  ['Where backups go and the chosen folder', 'No', 'Belongs to this browser'],
  ['When a backup last left this browser, and the reminder', 'No', 'Belongs to this browser'],
  ['Backup history', 'No', 'Stays here; a restore keeps it'],
  ['Transient state (open tab, last schedule check)', 'No', 'Not persisted'],
];

export function whatIsBackedUp() {
  return h('details', { class: 'backed-up' },
    h('summary', {}, 'What gets backed up'),
    h('table', { id: 'backed-up' },
      h('thead', {}, h('tr', {}, ['Item', 'Backed up?', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, BACKED_UP.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}
