// What a restore of everything changes beyond the data, as sentences, from
// the `changes` of backups.inspect()/verify()/restore() (docs/API.md; built by
// changes() in wasm/backup_runner.js): the backup schedule the file carries,
// a file from another installation, the stored backup password.
// `done`: after the restore (the banner), else before (the dialog).

const SCHEDULE_WORDS = {
  enabled: (v) => (v ? 'on' : 'off'),
  frequency: (v) => v,
  retention_count: (v) => `keep ${v}`,
  encrypt: (v) => (v ? 'encrypted' : 'not encrypted'),
};
const scheduleText = (s) => (s ? Object.keys(SCHEDULE_WORDS).filter((k) => k in s).map((k) => SCHEDULE_WORDS[k](s[k])).join(', ') : '');

export function changeLines(info, done = false) {
  const c = info.changes;
  if (!c) return [];
  const out = [];
  const hd = info.header || {};
  if (hd.scope === 'profile') {
    out.push(`This is a backup of one profile: only that profile is replaced; your other profiles ${done ? 'were' : 'are'} not touched.`);
  }
  const bs = c.backup_settings;
  if (bs.differ === true) {
    const how = bs.applied === 'taken' ? (done ? 'The file’s schedule was taken.' : '') : (done ? 'This browser’s schedule was kept.' : '');
    out.push(`The file’s backup settings (${scheduleText(bs.file)}) differ from this browser’s (${scheduleText(bs.here)}). ${how}`.trim());
  } else if (bs.differ === null && !done) {
    out.push(`A database file carries its own backup settings; this browser’s (${scheduleText(bs.here)}) are kept unless you take the file’s.`);
  }
  if (c.other_instance) out.push('This backup comes from another Streakbox (another browser or device).');
  if (c.stored_password === 'none' && (c.other_instance || (bs.file && bs.file.encrypt))) {
    out.push('A backup password stored where this file came from cannot come along. To encrypt backups here, set one in Settings → Backup password.');
  } else if (c.stored_password === 'lost') {
    out.push(`This browser’s stored backup password ${done ? 'did' : 'does'} not come through this restore: set it again in Settings → Backup password.`);
  }
  return out;
}
