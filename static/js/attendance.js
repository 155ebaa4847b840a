/* The live attendance counts on the secretariat's meeting pages: the fragment fetched again every 30 s. */
(function () {
  "use strict";
  function refresh() {
    var box = document.querySelector("[data-attendance-summary]");
    if (!box || document.hidden) return;
    fetch(box.dataset.refreshUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-attendance-summary]");
        if (next) box.replaceWith(next);
      }, function () { /* keep the last counts; the next round tries again */ });
  }
  setInterval(refresh, 30000);
})();
