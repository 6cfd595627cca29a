// dateline web: progressive enhancement only. Every page works without this file; it is loaded
// from /static (the Content-Security-Policy allows no inline script) and never writes HTML:
// it reads numbers from data- attributes and sets styles and classes through the DOM.
"use strict";

const MAX_ZOOM = 64;
const DAY_MS = 86400000;

function placeAxis(axis) {
  // The track is `zoom` times as wide as the axis, which scrolls it. Zoom with the buttons,
  // ctrl + wheel (or a trackpad pinch) at the pointer, or shift + drag over a span; pan with
  // a drag, the wheel (when zoomed in) or the scroll bar. The visible dates are shown.
  const track = axis.querySelector(".axis-track");
  if (!track) return;
  let zoom = 1;
  const first = Date.parse(axis.dataset.first || "");
  const last = Date.parse(axis.dataset.last || "");
  const place = () => {
    track.style.width = (100 * zoom) + "%";
    for (const dot of track.querySelectorAll(".dot")) {
      const pos = Number.parseFloat(dot.dataset.pos || "0");
      if (Number.isFinite(pos)) dot.style.left = "calc(" + (pos * 100) + "% - " + (pos * 0.55) + "rem)";
    }
  };
  // the axis's inner left and right edges, in viewport pixels
  const edges = () => {
    const box = axis.getBoundingClientRect();
    const style = getComputedStyle(axis);
    const left = box.left + axis.clientLeft + Number.parseFloat(style.paddingLeft || "0");
    const right = box.left + axis.clientLeft + axis.clientWidth - Number.parseFloat(style.paddingRight || "0");
    return [left, right];
  };
  // the share (0..1) of the track under viewport x
  const share = (x) => {
    const box = track.getBoundingClientRect();
    return box.width ? (x - box.left) / box.width : 0;
  };
  // scroll so that share `f` of the track is under viewport x
  const bring = (f, x) => {
    const box = track.getBoundingClientRect();
    axis.scrollLeft += box.left + f * box.width - x;
  };
  const range = document.createElement("span");
  range.className = "axis-range";
  const showRange = () => {
    if (!Number.isFinite(first) || !Number.isFinite(last)) return;
    const [left, right] = edges();
    const clamp = (f) => Math.min(1, Math.max(0, f));
    const day = (f) => new Date(first + Math.round(clamp(f) * (last - first) / DAY_MS) * DAY_MS);
    const from = day(share(left)).toISOString().slice(0, 10);
    const to = day(share(right)).toISOString().slice(0, 10);
    range.textContent = "showing " + from + " to " + to;
    range.dataset.from = from;
    range.dataset.to = to;
  };
  const setZoom = (next, x) => {
    const [left, right] = edges();
    const at = x === undefined ? (left + right) / 2 : x;
    const f = share(at);
    zoom = Math.min(MAX_ZOOM, Math.max(1, next));
    place();
    bring(f, at);
    showRange();
  };

  const tools = document.createElement("div");
  tools.className = "axis-tools";
  for (const [label, factor] of [["zoom in", 2], ["zoom out", 0.5], ["fit", 0]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => setZoom(factor === 0 ? 1 : zoom * factor));
    tools.appendChild(button);
  }
  const hint = document.createElement("span");
  hint.className = "muted";
  hint.textContent = "ctrl + wheel zooms, drag pans, shift + drag zooms to a span · ";
  tools.append(hint, range);
  axis.insertBefore(tools, axis.firstChild);

  axis.addEventListener("wheel", (event) => {
    const lines = event.deltaMode === 1 ? 16 : 1;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      setZoom(zoom * Math.exp(-event.deltaY * lines * 0.002), event.clientX);
    } else if (zoom > 1 && Math.abs(event.deltaY) > Math.abs(event.deltaX)) {
      const most = axis.scrollWidth - axis.clientWidth;
      const next = Math.min(most, Math.max(0, axis.scrollLeft + event.deltaY * lines));
      if (next !== axis.scrollLeft) {
        event.preventDefault(); // the page scrolls on once the axis reaches an end
        axis.scrollLeft = next;
      }
    }
  }, { passive: false });
  axis.addEventListener("scroll", showRange);
  window.addEventListener("resize", showRange);

  let drag = null;
  let dragged = false;
  const brush = document.createElement("div");
  brush.className = "axis-brush";
  track.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, scroll: axis.scrollLeft, f: share(event.clientX), span: event.shiftKey, id: event.pointerId };
    dragged = false;
  });
  track.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    if (!dragged && Math.abs(dx) < 4) return;
    if (!dragged) {
      dragged = true; // a drag, not a click on a dot: keep the pointer until it ends
      track.setPointerCapture(event.pointerId);
      if (drag.span) track.appendChild(brush);
    }
    event.preventDefault();
    if (drag.span) {
      const a = Math.min(drag.f, share(event.clientX));
      const b = Math.max(drag.f, share(event.clientX));
      brush.style.left = (100 * Math.max(0, a)) + "%";
      brush.style.width = (100 * (Math.min(1, b) - Math.max(0, a))) + "%";
    } else {
      axis.scrollLeft = drag.scroll - dx;
    }
  });
  const end = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    if (dragged && drag.span) {
      const a = Math.max(0, Math.min(drag.f, share(event.clientX)));
      const b = Math.min(1, Math.max(drag.f, share(event.clientX)));
      brush.remove();
      if (b - a > 0.001) {
        zoom = Math.min(MAX_ZOOM, Math.max(1, 1 / (b - a)));
        place();
        bring(a, edges()[0]);
        showRange();
      }
    }
    drag = null;
  };
  track.addEventListener("dragstart", (event) => event.preventDefault()); // a dot is a link
  track.addEventListener("pointerup", end);
  track.addEventListener("pointercancel", end);
  // the click that ends a drag does not follow the dot it ended on
  track.addEventListener("click", (event) => {
    if (dragged) {
      event.preventDefault();
      dragged = false;
    }
  }, true);
  place();
  showRange();
}

function autoSubmit(form) {
  // Selecting a story or an outlet applies it at once; text and dates wait for "Apply".
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const axis of document.querySelectorAll("[data-axis]")) placeAxis(axis);
  for (const form of document.querySelectorAll("form.filters")) autoSubmit(form);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.target instanceof HTMLInputElement) return;
    const box = document.querySelector("header.top input[type=search]");
    if (box) { event.preventDefault(); box.focus(); }
  });
});
