// Brussels Prevention service worker (no framework). With no network, a page opens from here: the offline page
// (helplines, 112, poison centre) and the last service pages this phone opened. It caches nothing else, sends
// nothing anywhere and keeps nothing about the person beyond those pages (on the phone only).
"use strict";
var VERSION = "{{ version }}";
var SHELL = "bp-shell-" + VERSION;
var SERVICES = "bp-services";
var ASSETS = {{ assets_json|safe }};
var OFFLINE = {{ offline_json|safe }};
var SERVICE_PREFIXES = {{ service_prefixes_json|safe }};
var KEEP = 10;

self.addEventListener("install", function (event) {
  var urls = ASSETS.concat(Object.keys(OFFLINE).map(function (k) { return OFFLINE[k]; }));
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(urls); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("bp-shell-") === 0 && key !== SHELL; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function isServicePage(path) {
  return SERVICE_PREFIXES.some(function (prefix) { return path.indexOf(prefix) === 0 && /^\d+\/$/.test(path.slice(prefix.length)); });
}

function remember(request, response) {
  return caches.open(SERVICES).then(function (cache) {
    return cache.delete(request, { ignoreSearch: true }).then(function () { return cache.put(request.url.split("?")[0], response); })
      .then(function () { return cache.keys(); })
      .then(function (keys) {
        return Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP)).map(function (key) { return cache.delete(key); }));
      });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && response.type === "basic" && isServicePage(url.pathname)) {
        event.waitUntil(remember(request, response.clone()));
      }
      return response;
    }).catch(function () {
      return caches.match(request.url.split("?")[0]).then(function (hit) {
        if (hit) return hit;
        var language = url.pathname.split("/")[1];
        return caches.match(OFFLINE[language] || OFFLINE[Object.keys(OFFLINE)[0]]);
      });
    }));
    return;
  }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
  }
});
