// Settings → Download as spreadsheet (CSV): the current profile's history, or
// every profile's, as a CSV file that spreadsheet apps open (docs/FORMAT.md,
// "CSV export"): "entries" (one row per task and day with an entry) or "days"
// (one row per day: complete or not, tasks done of due). Not a backup: it
// cannot be imported, so it does not count for Today's backup reminder.
import { h, errorLine, showError, hideError, busy, download } from './dom.js';

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function csvExportCard(app) {
  const { sb } = app;
  const whose = h('select', { id: 'csv-scope', name: 'csv-scope' },
    h('option', { value: 'profile' }, `This profile: ${app.profile.name}`),
    h('option', { value: 'all' }, 'All profiles'));
  const status = h('p', { class: 'muted', id: 'csv-status', role: 'status' });
  const err = errorLine();

  async function save(button, kind) {
    hideError(err);
    await busy(button, async () => {
      try {
        const r = await sb.exportCsv({ kind, profileId: whose.value === 'profile' ? app.profile.id : null });
        download(r.bytes, r.filename, 'text/csv;charset=utf-8');
        status.textContent = `Saved ${r.filename}: ${plural(r.rows, 'row')}.`;
      } catch (e) {
        status.textContent = '';
        showError(err, e);
      }
    });
  }

  const entries = h('button', { type: 'button', class: 'button', id: 'csv-entries', 'aria-describedby': 'csv-entries-hint' },
    'Download entries');
  const days = h('button', { type: 'button', class: 'button', id: 'csv-days', 'aria-describedby': 'csv-days-hint' },
    'Download days');
  entries.onclick = () => save(entries, 'entries');
  days.onclick = () => save(days, 'days');

  return h('section', { class: 'card', id: 'csv-export', 'aria-labelledby': 'csv-title' },
    h('h2', { id: 'csv-title' }, 'Download as spreadsheet (CSV)'),
    h('p', { class: 'muted' }, 'Your history as a file for LibreOffice, Excel, Numbers or Google Sheets: for your own charts, or to show someone. It is not a backup and cannot be imported; use Export above for that.'),
    h('div', { class: 'field' }, h('label', { for: whose.id }, 'Whose history'), whose),
    h('ul', { class: 'muted' },
      h('li', { id: 'csv-entries-hint' }, 'Entries: one row per task and day — done, skipped or not, the amount, the note.'),
      h('li', { id: 'csv-days-hint' }, 'Days: one row per day — complete or not (or a day off), tasks done of those due.')),
    h('div', { class: 'button-row' }, entries, days),
    status, err);
}
