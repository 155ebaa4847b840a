/* The secretariat's agenda editor: add, edit and reorder agenda items without reloading the page.
 * Every action also works without JavaScript (plain form posts); this file only upgrades them:
 *  - form[data-fragment]      posts with fetch; the server answers with HTML that replaces the form's
 *                             [data-fragment-root] ("replace") or is appended to the agenda ("append");
 *  - a[data-fragment-get]     fetches HTML that replaces the link's [data-fragment-root];
 *  - button[data-move]        moves an item up or down and saves the whole order as JSON.
 */
(function () {
  "use strict";
  var HEADERS = { "X-Requested-With": "fetch" };
  var agenda = document.querySelector("ol.agenda-editor");
  if (!agenda) return;
  var status = document.querySelector("[data-agenda-status]");

  function say(message, isError) {
    if (!status) return;
    status.textContent = message || "";
    status.classList.toggle("is-error", !!isError);
  }

  function fromHTML(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function focusFirstField(root) {
    var field = root && root.querySelector("input:not([type=hidden]), textarea, select");
    if (field) field.focus();
  }

  function submitFragment(form) {
    var mode = form.getAttribute("data-fragment");
    var root = form.closest("[data-fragment-root]");
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    return fetch(form.action, { method: "POST", body: new FormData(form), headers: HEADERS, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) { return { ok: response.ok, status: response.status, html: html }; });
      })
      .then(function (answer) {
        var node = fromHTML(answer.html);
        if (!node) throw new Error("empty answer");
        if (answer.ok && mode === "append") {
          agenda.appendChild(node);
          var empty = document.querySelector("[data-agenda-empty]");
          if (empty) empty.remove();
          refreshMovers();
          form.reset();
          form.querySelectorAll(".field-error, .form-errors").forEach(function (e) { e.remove(); });
          form.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
          say(node.querySelector("strong") ? node.querySelector("strong").textContent + " ✓" : "");
          focusFirstField(form);
        } else {
          root.replaceWith(node);
          refreshMovers();
          if (!answer.ok) focusFirstField(node);
          else { var edit = node.querySelector("[data-fragment-get]"); if (edit) edit.focus(); }
        }
      })
      .catch(function () { say(agenda.getAttribute("data-error-message"), true); })
      .then(function () { if (button) button.disabled = false; });
  }

  function getFragment(link) {
    var root = link.closest("[data-fragment-root]");
    fetch(link.href, { headers: HEADERS, credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (html) {
        var node = fromHTML(html);
        root.replaceWith(node);
        refreshMovers();
        if (link.hasAttribute("data-cancel")) { var edit = node.querySelector("[data-fragment-get]"); if (edit) edit.focus(); }
        else focusFirstField(node);
      })
      .catch(function () { window.location.href = link.href; });
  }

  // The first item cannot go up, the last cannot go down: their buttons are disabled, after every change.
  function refreshMovers() {
    var items = agenda.querySelectorAll(":scope > li[data-item-id]");
    Array.prototype.forEach.call(items, function (li, index) {
      var up = li.querySelector('[data-move="up"]'), down = li.querySelector('[data-move="down"]');
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === items.length - 1;
    });
  }

  function saveOrder(movedButton) {
    var ids = Array.prototype.map.call(agenda.querySelectorAll(":scope > li[data-item-id]"), function (li) {
      return Number(li.getAttribute("data-item-id"));
    });
    return fetch(agenda.getAttribute("data-reorder-url"), {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/json", "X-CSRFToken": agenda.getAttribute("data-csrf") }, HEADERS),
      credentials: "same-origin",
      body: JSON.stringify({ items: ids })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || "");
        say(agenda.getAttribute("data-saved-message"));
        if (movedButton) {
          // At the top (or the bottom) the button just used is disabled: the other one keeps the focus.
          var other = movedButton.closest("li").querySelector('[data-move="' + (movedButton.getAttribute("data-move") === "up" ? "down" : "up") + '"]');
          (movedButton.disabled && other ? other : movedButton).focus();
        }
      });
    }).catch(function (error) {
      say(error.message || agenda.getAttribute("data-error-message"), true);
    });
  }

  function move(button) {
    var item = button.closest("li[data-item-id]");
    if (button.getAttribute("data-move") === "up") {
      var previous = item.previousElementSibling;
      if (!previous) return;
      agenda.insertBefore(item, previous);
    } else {
      var next = item.nextElementSibling;
      if (!next) return;
      agenda.insertBefore(next, item);
    }
    refreshMovers();
    saveOrder(item.querySelector('[data-move="' + button.getAttribute("data-move") + '"]'));
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-fragment]")) return;
    event.preventDefault();
    submitFragment(form);
  });

  document.addEventListener("click", function (event) {
    var mover = event.target.closest("button[data-move]");
    if (mover && agenda.contains(mover)) {
      event.preventDefault();
      move(mover);
      return;
    }
    var link = event.target.closest("a[data-fragment-get]");
    if (link) {
      event.preventDefault();
      getFragment(link);
    }
  });
  refreshMovers();
})();
