// Directory map: nothing is loaded (no Leaflet, no tile) until the visitor opens the "Show on a map" box.
(function () {
  "use strict";
  var box = document.getElementById("directory-map");
  if (!box) return;
  var started = false;

  function loadCss(href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  function loadScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    document.head.appendChild(script);
  }

  function draw() {
    var canvas = document.getElementById("directory-map-canvas");
    var points = Array.prototype.slice.call(box.querySelectorAll("[data-lat]"));
    var map = window.L.map(canvas, { scrollWheelZoom: false });
    if (box.dataset.tiles) {
      window.L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (item) {
      var lat = parseFloat(item.dataset.lat);
      var lon = parseFloat(item.dataset.lon);
      if (isNaN(lat) || isNaN(lon)) return;
      var link = document.createElement("a");
      link.href = item.dataset.url;
      link.textContent = item.textContent;
      window.L.circleMarker([lat, lon], { radius: 8, weight: 2 }).bindPopup(link).addTo(map);
      bounds.push([lat, lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    } else {
      map.setView([50.8466, 4.3528], 12);
    }
  }

  box.addEventListener("toggle", function () {
    if (!box.open || started) return;
    started = true;
    loadCss(box.dataset.leafletCss);
    loadScript(box.dataset.leafletJs, draw);
  });
})();
