// The written procedure's matrix of answers, kept live: every 30 seconds while the procedure is open,
// the secretariat's page fetches the matrix again and puts it in place (no reload, the form stays as it is).
(function () {
  "use strict";
  var PERIOD_MS = 30000;

  function refresh() {
    var matrix = document.querySelector("[data-matrix][data-refresh-url]");
    if (!matrix || document.hidden) {
      return;
    }
    fetch(matrix.getAttribute("data-refresh-url"), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("[data-matrix]");
        if (fresh) {
          matrix.replaceWith(fresh);
        }
      })
      .catch(function () {
        // Offline for a moment: the next round tries again.
      });
  }

  if (document.querySelector("[data-matrix][data-refresh-url]")) {
    window.setInterval(refresh, PERIOD_MS);
  }
})();
