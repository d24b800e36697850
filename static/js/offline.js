// The offline page: lists the service pages this phone opened last, from the service worker's cache (on the
// phone only; nothing is sent). Without JavaScript or a cache, the section stays hidden.
(function () {
  "use strict";
  var list = document.getElementById("offline-services");
  if (!list || !("caches" in window)) return;
  caches.open("bp-services").then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.reverse().map(function (request) {
        return cache.match(request).then(function (response) { return response.text(); }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var title = doc.querySelector("h1");
          return { url: request.url, name: title ? title.textContent.trim() : request.url };
        });
      }));
    });
  }).then(function (items) {
    var language = document.documentElement.lang;
    items.forEach(function (item) {
      if (new URL(item.url).pathname.split("/")[1] !== language) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.name;
      li.appendChild(a);
      list.appendChild(li);
    });
    if (list.children.length) list.closest("section").hidden = false;
  }).catch(function () { /* no cache: nothing to list */ });
})();
