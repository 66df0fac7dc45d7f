// Today: the streak cards, the day's checklist (ui/checklist.js) and the
// profile's "Day off" control for today.
import { h, errorLine, showError, hideError } from './dom.js';
import { longDate } from './dates.js';
import { streakCards } from './streaks.js';
import { checklist } from './checklist.js';
import { dayOffControl } from './day_off.js';
import { backupBanner } from './backup_schedule.js';
import { offsiteReminder } from './offsite.js';

export async function renderToday(section, app) {
  const { sb, profile } = app;
  const date = sb.today();
  // The reminder does not hold up the checklist: it is added once decided.
  const reminder = offsiteReminder(app);
  const [day, streak, banner] = await Promise.all([sb.getDay(profile.id, date), sb.getStreak(profile.id), backupBanner(app)]);
  const streaks = streakCards(streak);
  const err = errorLine();
  const list = checklist(app, day, {
    onSaved: async () => {
      try {
        streaks.update(await sb.getStreak(profile.id));
        hideError(err);
      } catch (e) {
        showError(err, e);
      }
    },
  });
  const dayOff = dayOffControl(app, day, {
    announce: list.announce,
    onChange: async () => {
      const fresh = await sb.getDay(profile.id, date);
      dayOff.update(fresh);
      list.update(fresh);
      streaks.update(await sb.getStreak(profile.id));
    },
  });
  // The failure banner leads; the reminder is calm, so it follows the checklist.
  section.append(...[
    h('div', { class: 'view-head' }, h('h1', {}, 'Today'), h('p', { class: 'muted' }, longDate(date))),
    ...(banner ? [banner] : []),  // Element.append(null) would show the text "null"
    streaks,
    h('section', { class: 'card', 'aria-label': 'Checklist' }, list, err),
    h('section', { class: 'card day-off-card' }, dayOff)].filter(Boolean));  // append() would show a missing banner as the text "null"
  // data-reminder says the reminder was decided ('shown' or 'none'), for whoever waits on it.
  const shown = await reminder;
  if (shown) section.append(shown);
  section.dataset.reminder = shown ? 'shown' : 'none';
}
