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

function keep(cache, url) {
  return fetch(new Request(url, { cache: "no-cache" }))
    .then(function (response) {
      if (response.ok) return cache.put(url, response);
    })
    .catch(function () {});
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
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
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
  // Pages are checked with the server every time (a cheap 304 when unchanged), never taken
  // from the browser's HTTP cache on a guess.
  // The copy keeps the request's redirect mode, so `/hotline` -> `/hotline/` still works.
  var live = request.mode === "navigate"
    ? fetch(new Request(request, { cache: "no-cache" }))
    : fetch(request);
  event.respondWith(
    live.then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          cache.put(request, copy);
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
