// Tasks: the profile's tasks in checklist order, each with its schedule in
// words, with add, edit (title, schedule: ui/schedule_picker.js, amount:
// ui/measure_fields.js), delete (confirmed) and move up/down (reorderTasks).
import { h, icon, uid, errorLine, showError, hideError, fieldError, busy, showDialog, dialogFrame, confirmDialog } from './dom.js';
import { schedulePicker } from './schedule_picker.js';
import { measureFields } from './measure_fields.js';
import { taskPlanWords } from './schedule_words.js';
import { fieldOfError } from './field_words.js';

/** The field a core error names and its plain words; title and description also by name. */
function placeError(e) {
  const placed = fieldOfError(e);
  if (placed.field) return placed;
  if (/description/i.test(placed.text)) return { field: 'description', text: placed.text };
  if (/title|task named/i.test(placed.text)) return { field: 'title', text: placed.text };
  return placed;
}

function checkbox(name, checked, text, hint) {
  const id = uid(name);
  return h('div', { class: 'field check-field' },
    h('input', { type: 'checkbox', id, name, checked }),
    h('label', { for: id }, h('strong', {}, text), h('span', { class: 'muted' }, hint)));
}

/** Adds (task omitted) or edits a task in a modal dialog; resolves once closed. */
function openTaskDialog(app, task, onSaved) {
  const { sb, profile } = app;
  const ids = { title: uid('title'), description: uid('desc') };
  const title = h('input', { id: ids.title, name: 'title', value: task?.title ?? '', maxLength: 200, autocomplete: 'off', required: true });
  const description = h('textarea', { id: ids.description, name: 'description', rows: 3, maxLength: 2000, value: task?.description ?? '' });
  const titleErr = errorLine();
  const descErr = errorLine();
  const formErr = errorLine();
  const schedule = schedulePicker(task?.schedule);
  const measure = measureFields(task?.measure ?? null, (on) => schedule.setMeasured(on));
  schedule.setMeasured(measure.isOn());
  title.setAttribute('aria-describedby', titleErr.id);
  description.setAttribute('aria-describedby', descErr.id);
  const save = h('button', { class: 'button primary', type: 'submit' }, task ? 'Save' : 'Add task');
  const dialog = dialogFrame(task ? 'Edit task' : 'New task', [
    h('div', { class: 'field' }, h('label', { for: ids.title }, 'Title'), title, titleErr),
    h('div', { class: 'field' }, h('label', { for: ids.description }, 'Description ', h('span', { class: 'muted' }, '(optional)')), description, descErr),
    checkbox('required', task ? task.required : true, 'Required', 'The day only counts as complete when every required task asked for that day is done or skipped.'),
    schedule,
    measure,
    checkbox('active', task ? task.active : true, 'Active', 'Shown on the daily checklist. Turn off to pause a habit without losing its history.'),
    formErr,
  ], [h('button', { class: 'button', type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'), save],
  { id: 'task-dialog' });
  const form = dialog.querySelector('form');

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    fieldError(title, titleErr, null);
    fieldError(description, descErr, null);
    hideError(formErr);
    if (!title.value.trim()) {
      fieldError(title, titleErr, 'Please give the task a title.');
      title.focus();
      return;
    }
    const chosen = schedule.value();
    const amount = measure.value();
    if (!chosen || amount === undefined) return;  // the field says what is missing
    const fields = {
      title: title.value.trim(),
      description: description.value.trim(),
      required: form.elements.required.checked,
      active: form.elements.active.checked,
      schedule: chosen,
    };
    if (amount) fields.measure = amount;
    else if (task?.measure) fields.measure = null;  // back to yes/no
    await busy(save, async () => {
      try {
        if (task) await sb.updateTask(task.id, fields);
        else await sb.createTask(profile.id, fields);
        dialog.close('saved');
        await onSaved();
      } catch (err) {
        const { field, text } = placeError(err);
        if (field === 'title') fieldError(title, titleErr, text);
        else if (field === 'description') fieldError(description, descErr, text);
        else if (field?.startsWith('schedule')) schedule.showError(field.split('.')[1], text);
        else if (field?.startsWith('measure')) measure.showError(field.split('.')[1], text);
        else showError(formErr, err);
      }
    });
  });
  return showDialog(dialog);
}

export async function renderTasks(section, app) {
  const { sb, profile } = app;
  let tasks = await sb.listTasks(profile.id);
  const listErr = errorLine();
  const list = h('ol', { class: 'task-list', 'aria-label': `Tasks for ${profile.name}` });
  const empty = h('div', { class: 'empty' },
    h('p', {}, `${profile.name} has no tasks yet. Add a habit you want to keep, like “Drink water” every day or “Gym” three times a week.`));
  const card = h('section', { class: 'card' });
  const heading = h('h1', { tabIndex: -1 }, 'Tasks');
  // Re-reads and redraws; focusId/focusKind as for draw().
  const reload = async (focusId, focusKind) => {
    try {
      tasks = await sb.listTasks(profile.id);
      draw(focusId, focusKind);
    } catch (e) {
      showError(listErr, e);
    }
  };

  async function move(task, delta, kind) {
    const from = tasks.indexOf(task);
    const to = from + delta;
    if (to < 0 || to >= tasks.length) return;
    tasks.splice(from, 1);
    tasks.splice(to, 0, task);
    hideError(listErr);
    draw(task.id, kind);
    try {
      await sb.reorderTasks(profile.id, tasks.map((t) => t.id));
    } catch (e) {
      await reload(); // back to the order actually saved
      showError(listErr, e);
    }
  }

  async function remove(task) {
    const ok = await confirmDialog({
      title: `Delete “${task.title}”?`,
      message: `The task “${task.title}” and all of its checks are deleted. Your days stay as they were recorded. This cannot be undone.`,
      confirmLabel: 'Delete task',
    });
    if (!ok) return;
    hideError(listErr);
    // The focus goes to the task after it (or before it, at the end); to the heading when none is left.
    const at = tasks.indexOf(task);
    try {
      await sb.deleteTask(task.id);
      await reload();
      const next = tasks[Math.min(at, tasks.length - 1)];
      if (next) draw(next.id, 'edit');
      else heading.focus();
    } catch (e) {
      showError(listErr, e);
    }
  }

  // Redraws the list. With focusId, the focus goes to that task's button
  // focusKind: 'edit', or a move ('up'/'down': that one, or its twin at an edge).
  function draw(focusId, focusKind) {
    card.replaceChildren(tasks.length ? list : empty);
    list.replaceChildren(...tasks.map((t, i) => {
      const moveButton = (kind, delta, disabled) => h('button', {
        type: 'button', class: 'icon-button', 'data-move': kind, disabled,
        'aria-label': `Move ${t.title} ${kind}`, title: `Move ${kind}`,
        onclick: () => move(t, delta, kind),
      }, icon(kind));
      return h('li', { class: `task-row${t.active ? '' : ' inactive'}`, 'data-id': t.id },
        h('div', { class: 'task-main' },
          h('span', { class: 'task-title' }, t.title),
          h('span', { class: t.required ? 'badge badge-required' : 'badge' }, t.required ? 'Required' : 'Optional'),
          t.active ? null : h('span', { class: 'badge badge-inactive' }, 'Inactive'),
          h('span', { class: 'task-plan' }, taskPlanWords(t)),
          t.description ? h('p', { class: 'task-desc' }, t.description) : null),
        h('div', { class: 'task-actions' },
          moveButton('up', -1, i === 0),
          moveButton('down', 1, i === tasks.length - 1),
          h('button', { type: 'button', class: 'icon-button', 'data-action': 'edit', 'aria-label': `Edit ${t.title}`, title: 'Edit', onclick: () => openTaskDialog(app, t, () => reload(t.id, 'edit')) }, icon('edit')),
          h('button', { type: 'button', class: 'icon-button danger-quiet', 'data-action': 'delete', 'aria-label': `Delete ${t.title}`, title: 'Delete', onclick: () => remove(t) }, icon('trash'))));
    }));
    if (focusId == null) return;
    const row = list.querySelector(`[data-id="${focusId}"]`);
    if (!row) return;
    if (focusKind === 'edit') return row.querySelector('[data-action="edit"]').focus();
    const buttons = [...row.querySelectorAll('[data-move]')];
    const target = buttons.find((b) => b.dataset.move === focusKind && !b.disabled) || buttons.find((b) => !b.disabled);
    if (target) target.focus();
  }

  section.append(
    h('div', { class: 'view-head' },
      heading,
      h('button', { type: 'button', class: 'button primary', id: 'add-task', onclick: () => openTaskDialog(app, null, reload) }, icon('plus'), 'Add task')),
    h('p', { class: 'muted intro' }, 'A day is complete when every required task asked for that day is done or skipped. Optional tasks are a bonus. Use the arrows to set the checklist order.'),
    listErr,
    card);
  draw();
}
