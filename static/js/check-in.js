/* The check-in page (venue/templates/venue/check_in.html): a badge's QR read by the phone's camera
   (the browser's BarcodeDetector where it exists, else jsQR served from static/vendor), a typed badge
   number, or a name searched; each scan gets an id here and waits in localStorage until the server has
   answered, so scans made while the connection is down are sent when it is back (the server answers a
   scan id it has already seen as the first time, so a scan sent twice counts once). */
(function () {
  "use strict";
  var root = document.querySelector("[data-check-in]");
  if (!root) return;
  var d = root.dataset;
  var QUEUE_KEY = "accsm-check-in-queue";
  var $ = function (selector) { return root.querySelector(selector); };
  var result = $("[data-result]"), queueNote = $("[data-queue]"), recent = $("[data-recent]");
  var sending = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function load() { try { return JSON.parse(localStorage.getItem(QUEUE_KEY)) || []; } catch (e) { return []; } }
  function save(queue) { localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); showQueue(queue); }
  function showQueue(queue) {
    queueNote.hidden = !queue.length;
    queueNote.textContent = d.msgWaiting + " " + queue.length;
  }
  function direction() { return root.querySelector("input[name=direction]:checked").value; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function photo(slot, person) {
    slot.textContent = "";
    if (person && person.photo) {
      var img = el("img"); img.src = person.photo; img.alt = ""; slot.appendChild(img);
    } else {
      slot.textContent = person ? person.initials : "?";
    }
  }
  function facts(person) {
    if (!person) return "";
    var parts = [person.country, person.role, person.status];
    if (person.inside) parts.push(d.msgInside);
    return parts.join(" · ");
  }
  function show(state, message, person, label) {
    result.hidden = false;
    result.className = "result result-" + state;
    result.querySelector("[data-result-message]").textContent = message;
    result.querySelector("[data-result-name]").textContent = person ? person.name : (label || "");
    result.querySelector("[data-result-facts]").textContent = facts(person);
    photo(result.querySelector("[data-result-photo]"), person);
  }
  function remember(state, message, person, label, later) {
    var item = el("li", "recent-" + state);
    item.appendChild(el("strong", "", person ? person.name : label));
    item.appendChild(el("span", "muted", " — " + message + (later ? " (" + d.msgSentLater + ")" : "")));
    recent.insertBefore(item, recent.firstChild);
    while (recent.children.length > 8) recent.removeChild(recent.lastChild);
  }

  function send(item) {
    var body = new URLSearchParams({
      scan_id: item.scan_id, method: item.method, code: item.code, direction: item.direction, at: item.at
    });
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": d.csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server " + response.status);
      return response.json().catch(function () { return { ok: false, message: String(response.status) }; });
    });
  }

  // Send what waits, oldest first; stop at the first failure to reach the server and try again later.
  function flush() {
    var current = currentId;
    if (sending) return Promise.resolve();
    var queue = load();
    if (!queue.length) return Promise.resolve();
    sending = true;
    var item = queue[0];
    return send(item).then(function (answer) {
      save(load().filter(function (q) { return q.scan_id !== item.scan_id; }));
      var state = answer.ok ? (answer.repeat ? "repeat" : "ok") : "bad";
      var later = item.queued || item.scan_id !== current;
      if (!later) show(state, answer.message, answer.person, item.label);
      remember(state, answer.message, answer.person, item.label, later);
      sending = false;
      return flush();
    }, function () {
      sending = false;
      save(load().map(function (q) { q.queued = true; return q; }));
      if (current && load().some(function (q) { return q.scan_id === current; })) {
        show("queued", d.msgQueued, null, currentLabel);
      }
    });
  }

  var currentLabel = "", currentId = null;
  function scan(method, code, label) {
    var item = {
      scan_id: newId(), method: method, code: code, direction: direction(),
      at: new Date().toISOString(), url: d.scanUrl, label: label || code
    };
    currentLabel = item.label; currentId = item.scan_id;
    var queue = load(); queue.push(item); save(queue);
    return flush();
  }

  // Typing the number printed on the badge.
  $("[data-typed]").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = event.target.elements.code;
    if (input.value.trim()) scan("typed", input.value.trim(), input.value.trim().toUpperCase());
    input.value = "";
  });

  // Finding a person by name (diacritics ignored by the server).
  var searchForm = $("[data-search]"), results = $("[data-search-results]"), timer = null;
  searchForm.addEventListener("submit", function (event) { event.preventDefault(); });
  searchForm.elements.q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(runSearch, 250);
  });
  function runSearch() {
    var term = searchForm.elements.q.value.trim();
    results.textContent = "";
    if (!term) return;
    fetch(d.searchUrl + "?q=" + encodeURIComponent(term), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        results.textContent = "";
        if (!data.results.length) results.appendChild(el("li", "empty", d.msgNone));
        data.results.forEach(function (person) {
          var li = el("li"), button = el("button", "search-result");
          button.type = "button";
          var slot = el("span", "result-photo small"); photo(slot, person);
          button.appendChild(slot);
          var text = el("span");
          text.appendChild(el("strong", "", person.name));
          text.appendChild(el("span", "muted", " " + person.country + " · " + person.role +
            (person.allowed ? "" : " · " + d.msgNotAllowed)));
          button.appendChild(text);
          button.addEventListener("click", function () {
            scan("name", String(person.id), person.name);
            results.textContent = ""; searchForm.elements.q.value = "";
          });
          li.appendChild(button); results.appendChild(li);
        });
      }, function () { /* offline: searching needs the server; the badge number works offline */ });
  }

  // The camera.
  var video = $("[data-video]"), canvas = $("[data-canvas]"), lastCode = "", lastAt = 0, detector = null;
  function onCode(code) {
    var now = Date.now();
    if (code === lastCode && now - lastAt < 4000) return; // the same badge held in front of the camera
    lastCode = code; lastAt = now;
    scan("qr", code, "QR");
  }
  function loadJsQR() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) return resolve();
      var s = document.createElement("script");
      s.src = d.jsqrUrl; s.onload = resolve; s.onerror = reject; document.head.appendChild(s);
    });
  }
  function tick() {
    if (video.hidden || video.readyState < 2) return setTimeout(tick, 250);
    if (detector) {
      detector.detect(video).then(function (codes) {
        if (codes.length) onCode(codes[0].rawValue);
        setTimeout(tick, 250);
      }, function () { setTimeout(tick, 500); });
      return;
    }
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    var frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
    var found = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" });
    if (found && found.data) onCode(found.data);
    setTimeout(tick, 250);
  }
  $("[data-camera]").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("bad", d.msgNoCamera); return;
    }
    var ready = ("BarcodeDetector" in window)
      ? window.BarcodeDetector.getSupportedFormats().then(function (formats) {
          if (formats.indexOf("qr_code") >= 0) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          else return loadJsQR();
        })
      : loadJsQR();
    ready.then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    }).then(function (stream) {
      video.srcObject = stream; video.hidden = false; video.play(); tick();
    }).catch(function () { show("bad", d.msgNoCamera); });
  });

  var select = root.querySelector("[data-session-select]");
  if (select) select.addEventListener("change", function () { window.location = select.value; });

  window.addEventListener("online", function () { flush(); });
  setInterval(function () { flush(); }, 10000);
  showQueue(load());
  flush();
})();
