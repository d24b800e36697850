/* Progressive enhancements only: everything works without this file. */
(function () {
  "use strict";
  // Plausible custom events from data attributes: props are codes only, never free text.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-event]");
    if (!el || typeof window.plausible !== "function") return;
    var props = {};
    Array.prototype.forEach.call(el.attributes, function (attr) {
      if (attr.name.indexOf("data-prop-") === 0) props[attr.name.slice(10)] = attr.value;
    });
    window.plausible(el.getAttribute("data-event"), { props: props });
  });
})();
