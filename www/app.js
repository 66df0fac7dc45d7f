import { createStreakbox } from './api.js';
window.streakbox = createStreakbox();
window.streakbox.ready().then(() => { document.getElementById('app').textContent = 'ready'; },
  (e) => { document.getElementById('app').textContent = `${e.code}: ${e.message}`; });
