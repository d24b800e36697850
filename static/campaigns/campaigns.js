/* Campaign enhancements. Everything works without this file (CSP: no inline script, no third party before a tap). */
(function () {
  "use strict";

  // 1. Video facades: replace the poster link by the privacy-enhanced player, only after a tap.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".cvideo__play");
    if (!link) return;
    var frame = link.closest("[data-embed]");
    if (!frame) return; // TikTok/Instagram/no embed: the link opens the platform.
    var src = frame.getAttribute("data-embed");
    if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src)) return;
    event.preventDefault();
    var iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = frame.getAttribute("data-title") || "";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.setAttribute("allowfullscreen", "");
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    frame.textContent = "";
    frame.appendChild(iframe);
    iframe.focus();
  });

  // 2. Mixing checker: show the result as soon as two substances are chosen (same URL, partial HTML).
  var form = document.querySelector("[data-mix-form]");
  var target = document.getElementById("mix-result");
  if (form && target && window.fetch) {
    form.addEventListener("change", function () {
      var a = form.elements.a.value, b = form.elements.b.value;
      if (!a || !b) return;
      var query = "a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b);
      fetch(form.action + "?" + query + "&partial=1", { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          target.innerHTML = html;
          if (window.history && history.replaceState) history.replaceState(null, "", "?" + query);
        })
        .catch(function () { form.submit(); });
    });
  }
})();
