// Directory enhancements: "use my position" (asks the browser, sends lat/lon only to this site).
(function () {
  "use strict";
  var button = document.getElementById("locate-me");
  if (!button || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var form = button.form;
        ["lat", "lon", "near"].forEach(function (name) {
          var old = form.querySelector('[name="' + name + '"]');
          if (old && old.type === "hidden") old.remove();
          else if (old) old.value = "";
        });
        [["lat", position.coords.latitude], ["lon", position.coords.longitude]].forEach(function (pair) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = pair[0];
          input.value = pair[1].toFixed(5);
          form.appendChild(input);
        });
        form.submit();
      },
      function () { window.alert(button.dataset.error); },
      { timeout: 10000, maximumAge: 600000 }
    );
  });
})();
