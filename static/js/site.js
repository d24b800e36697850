/* Progressive enhancements only: everything works without this file. */
(function () {
  "use strict";
  // Analytics events (the taxonomy is site/home/events.py; templates write data-event and data-prop-* with
  // codes only, never free text). Sent through Plausible's script, and so through the site's own proxy when
  // it is configured; nothing is sent when analytics is off (window.plausible is then undefined).
  function props(el) {
    var out = {};
    Array.prototype.forEach.call(el.attributes, function (attr) {
      if (attr.name.indexOf("data-prop-") === 0) out[attr.name.slice(10)] = attr.value;
    });
    return out;
  }
  function send(name, properties, callback) {
    if (typeof window.plausible !== "function") return false;
    window.plausible(name, callback ? { props: properties, callback: callback } : { props: properties });
    return true;
  }
  // A link that replaces this page with another site's (a video, a route, a service's website, a share):
  // leaving at once would cancel the event's request, so the page follows the link once the event is sent
  // (Plausible's `callback`), or after a second at most. New tabs, modified clicks and tel:/mailto: leave the
  // page in place and are not held.
  function leavesThePage(el, event) {
    if (el.tagName !== "A" || !el.href || event.defaultPrevented || event.button !== 0) return false;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
    if (el.target && el.target !== "_self") return false;
    var url = new URL(el.href, window.location.href);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host !== window.location.host;
  }
  // A tap: the links and buttons that carry an event. On the window, so that it runs after the page's own
  // handlers (a video facade that plays in place prevents the link's default and is not held).
  window.addEventListener("click", function (event) {
    var el = event.target.closest("[data-event]:not([data-event-on])");
    if (!el) return;
    var name = el.getAttribute("data-event");
    if (!leavesThePage(el, event)) {
      send(name, props(el));
      return;
    }
    var href = el.href, followed = false;
    function follow() {
      if (followed) return;
      followed = true;
      window.location.assign(href);
    }
    if (send(name, props(el), follow)) {
      event.preventDefault();
      window.setTimeout(follow, 1000);
    }
  });
  function onLoad() {
    // Results and confirmations: the element is on the page only when the thing happened.
    Array.prototype.forEach.call(document.querySelectorAll("[data-event][data-event-on=load]"), function (el) {
      send(el.getAttribute("data-event"), props(el));
    });
    // A page opened from a tracked link or a QR code (/go/…): its campaign codes, read from the address (they
    // are not rendered into the page, which a shared cache may serve to everyone).
    var marker = document.querySelector("[data-event][data-event-on=landing]");
    var query = new URLSearchParams(window.location.search);
    var landing = { campaign: query.get("utm_campaign"), source: query.get("utm_source"), medium: query.get("utm_medium") };
    if (landing.campaign) {
      Object.keys(landing).forEach(function (key) {
        if (!landing[key] || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(landing[key])) delete landing[key];
      });
      if (landing.campaign && marker) send(marker.getAttribute("data-event"), landing);
    }
  }
  // The alert banner can be hidden for the rest of the visit (sessionStorage: no cookie, nothing sent).
  function alertBanner() {
    var banner = document.querySelector(".alert-banner[data-alert-id]");
    if (!banner) return;
    var key = "alert-hidden-" + banner.getAttribute("data-alert-id");
    try {
      if (window.sessionStorage.getItem(key)) { banner.hidden = true; return; }
    } catch (e) { return; }  // storage refused: the banner stays, without a button that would not work
    var close = banner.querySelector(".alert-banner__close");
    close.hidden = false;
    close.addEventListener("click", function () {
      try { window.sessionStorage.setItem(key, "1"); } catch (e) { /* shown again on the next page */ }
      banner.hidden = true;
      var main = document.getElementById("main");
      if (main) main.focus();
    });
  }
  alertBanner();
  // Offline help (the service worker, /sw.js): registered once the page is shown, never before its first paint.
  if ("serviceWorker" in navigator && window.location.protocol !== "file:") {
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        navigator.serviceWorker.register("/sw.js").catch(function () { /* offline help unavailable */ });
      }, 0);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onLoad);
  else onLoad();

  // The search boxes' suggestions (campaigns:autocomplete): a native datalist; the query is never stored.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null, last = "";
    if (!list || !window.fetch) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(q), { credentials: "omit" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.textContent = "";
            (data.results || []).forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              if (item.slang && item.slang.length) option.label = item.title + " (" + item.slang.join(", ") + ")";
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
