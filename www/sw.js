// Streakbox's service worker: makes the app work offline. It caches every
// shipped file under a cache named for this build (tools/build stamps the
// build into CACHE below), serves from that cache first with the network as
// fallback, and deletes other builds' caches once it activates. All URLs are
// resolved against the worker's own scope, so the site works from any sub-path.
const CACHE = 'streakbox-__BUILD__';
const PREFIX = 'streakbox-';
// Every shipped file, listed by tools/build (it replaces the token below).
const FILES = ['./', ...__FILES__];
const scope = () => self.registration.scope;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Fresh copies, never the HTTP cache's, so a build is cached whole.
    await cache.addAll(FILES.map((f) => new Request(new URL(f, scope()), { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(scope())) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    return hit || fetch(request);
  })());
});
