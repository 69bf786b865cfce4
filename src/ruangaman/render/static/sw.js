/* Ruang Aman service worker: the hotlines, the directory and every page the reader opened stay
 * readable offline. Network first, always: a page comes from the cache only when the network
 * fails, so a stale page is never shown while the network is there. */
"use strict";
var CACHE = "ruangaman-v1";
// Relative to this file, which sits at the site root (written by the build).
var PRECACHE = /*PRECACHE*/[];

function sameOrigin(url) {
  return new URL(url, self.location.href).origin === self.location.origin;
}

// Quick exit (ruangaman.js) asks the worker to forget: every page it is still fetching to keep
// is then dropped instead of stored, and the caches are emptied.
var generation = 0;

function keep(cache, url) {
  var started = generation;
  return fetch(new Request(url, { cache: "no-cache" }))
    .then(function (response) {
      if (response.ok && started === generation) return cache.put(url, response);
    })
    .catch(function () {});
}

function forget() {
  generation += 1;
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("ruangaman-") === 0;
    }).map(function (key) {
      return caches.delete(key);
    }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(PRECACHE.map(function (path) {
        return keep(cache, new URL(path, self.location.href).href);
      }));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("ruangaman-") === 0 && key !== CACHE;
      }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

// The page that registered us sends what it loaded before we were there.
self.addEventListener("message", function (event) {
  if (event.data && event.data.forget) {
    var reply = event.ports && event.ports[0];
    event.waitUntil(forget().catch(function () {}).then(function () {
      if (reply) reply.postMessage({ forgotten: true });
    }));
    return;
  }
  var urls = (event.data && event.data.keep) || [];
  var started = generation;
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      if (started !== generation) return;
      return Promise.all(urls.filter(sameOrigin).map(function (url) {
        return cache.match(url).then(function (hit) {
          return hit || keep(cache, url);
        });
      }));
    })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url)) return;
  var started = generation;
  // Pages are checked with the server every time (a cheap 304 when unchanged), never taken
  // from the browser's HTTP cache on a guess.
  // The copy keeps the request's redirect mode, so `/hotline` -> `/hotline/` still works.
  var live = request.mode === "navigate"
    ? fetch(new Request(request, { cache: "no-cache" }))
    : fetch(request);
  event.respondWith(
    live.then(function (response) {
      if (response.ok && started === generation) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          if (started === generation) return cache.put(request, copy);
        });
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || Response.error();
      });
    })
  );
});
