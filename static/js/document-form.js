/* The document forms: the "Agenda item" list offers only the agenda of the meeting chosen above it
 * (each option carries data-meeting; the other meetings' groups are hidden). Without this script the list
 * is grouped by meeting, the chosen one's first, and the server refuses an item of another meeting. */
(function () {
  "use strict";
  var meeting = document.querySelector('select[name="meeting"]');
  var item = document.querySelector('select[name="agenda_item"]');
  if (!meeting || !item) return;
  var options = Array.prototype.slice.call(item.options).filter(function (o) { return o.hasAttribute("data-meeting"); });

  function narrow() {
    var chosen = meeting.value;
    options.forEach(function (option) {
      var mine = chosen !== "" && option.getAttribute("data-meeting") === chosen;
      option.hidden = !mine;
      option.disabled = !mine;
      if (!mine && option.selected) item.value = "";
    });
    Array.prototype.forEach.call(item.querySelectorAll("optgroup"), function (group) {
      group.hidden = !group.querySelector("option:not([disabled])");
    });
    item.disabled = !options.some(function (o) { return !o.disabled; });
  }

  meeting.addEventListener("change", narrow);
  narrow();
})();
