// Tells the portal the reader's time zone (common/moments.py): the browser's zone goes into a cookie, and a
// page that showed times without it is drawn again once, now with the reader's time beside the venue's.
// A zone the reader chose on the time-zone page (the "pinned" cookie, or a signed-in user's preference)
// is never overwritten. Without this script the portal shows the venue's times only.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  // IANA names (Europe/Paris, America/Argentina/Buenos_Aires, Etc/GMT+7) go into the cookie as they are.
  if (!zone || zone.length > 64 || !/^[A-Za-z0-9_+\-\/]+$/.test(zone)) return;
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : null;
  }
  if (cookie("viewer_tz_pinned") || cookie("viewer_tz") === zone) return;
  document.cookie = "viewer_tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax" +
    (location.protocol === "https:" ? "; Secure" : "");
  if (cookie("viewer_tz") !== zone) return; // cookies refused: nothing more to do
  var root = document.documentElement;
  var shown = root.getAttribute("data-viewer-zone") || "";
  var pinned = root.getAttribute("data-zone-pinned") === "1";
  var key = "accsm-tz-redrawn";
  if (pinned || shown === zone || !document.querySelector("[data-venue-zone]")) return;
  try {
    if (sessionStorage.getItem(key) === zone) return;
    sessionStorage.setItem(key, zone);
  } catch (error) {
    return; // without storage a redraw could repeat; the next page shows both times anyway
  }
  location.reload();
})();
