// The main navigation: the phone's menu button, and one drop-down open at a time (closed by Escape or a
// click elsewhere). Without this script the navigation is still usable: every link shows, wrapped.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header) return;
  var toggle = header.querySelector(".nav-toggle");
  var panel = document.getElementById("site-nav");
  header.classList.add("js");
  if (toggle && panel) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-open", open);
    });
  }
  var groups = header.querySelectorAll("details.nav-group");
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open) return;
      groups.forEach(function (other) { if (other !== group) other.open = false; });
    });
  });
  document.addEventListener("click", function (event) {
    groups.forEach(function (group) { if (group.open && !group.contains(event.target)) group.open = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    groups.forEach(function (group) {
      if (group.open) { group.open = false; group.querySelector("summary").focus(); }
    });
  });
})();

// One-click actions that tell other people something (publish a meeting, decline a registration) ask first:
// a button or form with data-confirm="question" submits only when the question is answered yes.
document.addEventListener("submit", function (event) {
  var source = event.submitter && event.submitter.hasAttribute("data-confirm") ? event.submitter : event.target;
  var question = source && source.getAttribute && source.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
