// Referral tools, progressive enhancement only: the basket in localStorage (ids only), print, share, copy.
(function () {
  "use strict";
  if (window.__referrals) return;
  window.__referrals = true;
  var KEY = "referrals.basket";
  var MAX = 6;
  function read() {
    try {
      return (localStorage.getItem(KEY) || "").split(".").filter(function (id) { return /^\d{1,9}$/.test(id); }).slice(0, MAX);
    } catch (e) { return []; }
  }
  function write(ids) {
    try { if (ids.length) localStorage.setItem(KEY, ids.join(".")); else localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  }
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var slip = document.querySelector("[data-referrals-basket]");
    if (slip) write(slip.getAttribute("data-referrals-basket").split(".").filter(Boolean));
    document.querySelectorAll("[data-referrals-add]").forEach(function (link) {
      var id = link.getAttribute("data-referrals-add");
      var ids = read().filter(function (x) { return x !== id; }).slice(0, MAX - 1);
      ids.push(id);
      var url = new URL(link.href, window.location.href);
      url.searchParams.set("s", ids.join("."));
      link.href = url.pathname + url.search;
    });
    document.querySelectorAll("[data-referrals-clear]").forEach(function (link) {
      link.addEventListener("click", function () { write([]); });
    });
    document.querySelectorAll("[data-referrals-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    var status = document.querySelector("[data-referrals-status]");
    document.querySelectorAll("[data-referrals-share]").forEach(function (button) {
      if (!navigator.share) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-referrals-share") }).catch(function () {});
      });
    });
    document.querySelectorAll("[data-referrals-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-referrals-copy")).then(function () {
          if (status) status.textContent = button.getAttribute("data-done");
        });
      });
    });
  });
})();
