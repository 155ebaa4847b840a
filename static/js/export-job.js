/* An export being made: the bar follows the job's progress (polled every second); once the job is finished
   the page is loaded again and offers the file or says what went wrong. Without this script the page
   refreshes itself (a <noscript> refresh) and has a link to refresh it now. */
(function () {
  "use strict";
  var box = document.querySelector("[data-export-job]");
  if (!box) return;
  var bar = box.querySelector("[data-export-bar]");
  var percent = box.querySelector("[data-export-percent]");
  var failures = 0;
  function poll() {
    fetch(box.dataset.progressUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        failures = 0;
        if (bar) { bar.value = job.progress; bar.textContent = job.progress + "%"; }
        if (percent) percent.textContent = job.progress + "%";
        if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
        setTimeout(poll, 1000);
      }, function () {
        failures += 1;  /* a busy moment: try again, more slowly; the link on the page still works */
        setTimeout(poll, Math.min(10000, 1000 * failures));
      });
  }
  setTimeout(poll, 1000);
})();
