// The accreditation photo's crop to the badge (3 wide, 4 high), chosen in the browser: drag to move, slider to
// zoom. It writes the box, in the picture's own pixels, to the form's hidden crop_* fields; the server crops
// with it (or around the centre without it) and re-encodes the picture. No upload happens here.
(function () {
  "use strict";
  var input = document.querySelector("input[type=file][data-crop]");
  var box = document.querySelector(".photo-crop");
  if (!input || !box || !window.FileReader) return;
  var canvas = box.querySelector("canvas");
  var zoom = box.querySelector("[data-zoom]");
  var context = canvas.getContext("2d");
  var fields = {};
  ["x", "y", "width", "height"].forEach(function (name) {
    fields[name] = input.form.querySelector("input[name=crop_" + name + "]");
  });
  var image = null, centreX = 0, centreY = 0;

  function crop() {
    // The largest 3:4 box inside the picture, divided by the zoom, around the chosen centre.
    var w = image.naturalWidth, h = image.naturalHeight;
    var cw = Math.min(w, h * 3 / 4), ch = cw * 4 / 3;
    var scale = Number(zoom.value) / 100;
    cw /= scale; ch /= scale;
    var x = Math.min(Math.max(centreX - cw / 2, 0), w - cw);
    var y = Math.min(Math.max(centreY - ch / 2, 0), h - ch);
    centreX = x + cw / 2; centreY = y + ch / 2;
    return { x: Math.round(x), y: Math.round(y), width: Math.round(cw), height: Math.round(ch) };
  }

  function draw() {
    var c = crop();
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, c.x, c.y, c.width, c.height, 0, 0, canvas.width, canvas.height);
    Object.keys(fields).forEach(function (name) { if (fields[name]) fields[name].value = c[name]; });
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    Object.keys(fields).forEach(function (name) { if (fields[name]) fields[name].value = ""; });
    if (!file || !/^image\//.test(file.type)) { box.hidden = true; return; }
    var loaded = new Image();
    loaded.onload = function () {
      image = loaded;
      centreX = image.naturalWidth / 2; centreY = image.naturalHeight / 2;
      zoom.value = 100;
      box.hidden = false;
      draw();
    };
    loaded.onerror = function () { box.hidden = true; };
    // A data: URL, not a blob: one: the portal's Content Security Policy allows images from 'self' and data:.
    var reader = new FileReader();
    reader.onload = function () { loaded.src = reader.result; };
    reader.readAsDataURL(file);
  });

  zoom.addEventListener("input", function () { if (image) draw(); });

  var dragging = null;
  canvas.addEventListener("pointerdown", function (event) {
    if (!image) return;
    dragging = { x: event.clientX, y: event.clientY };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!dragging) return;
    var c = crop();
    var ratio = c.width / canvas.getBoundingClientRect().width;
    centreX -= (event.clientX - dragging.x) * ratio;
    centreY -= (event.clientY - dragging.y) * ratio;
    dragging = { x: event.clientX, y: event.clientY };
    draw();
  });
  ["pointerup", "pointercancel"].forEach(function (name) {
    canvas.addEventListener(name, function () { dragging = null; });
  });
})();
