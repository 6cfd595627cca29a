// dateline web: progressive enhancement only. Every page works without this file; it is loaded
// from /static (the Content-Security-Policy allows no inline script) and never writes HTML:
// it reads numbers from data- attributes and sets styles and classes through the DOM.
"use strict";

function placeAxis(axis) {
  const track = axis.querySelector(".axis-track");
  if (!track) return;
  let zoom = 1;
  const place = () => {
    track.style.width = (100 * zoom) + "%";
    for (const dot of track.querySelectorAll(".dot")) {
      const pos = Number.parseFloat(dot.dataset.pos || "0");
      if (Number.isFinite(pos)) dot.style.left = "calc(" + (pos * 100) + "% - " + (pos * 0.55) + "rem)";
    }
  };
  const tools = document.createElement("div");
  tools.className = "axis-tools";
  for (const [label, factor] of [["zoom in", 2], ["zoom out", 0.5], ["fit", 0]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => {
      zoom = factor === 0 ? 1 : Math.min(64, Math.max(1, zoom * factor));
      place();
    });
    tools.appendChild(button);
  }
  axis.insertBefore(tools, axis.firstChild);
  place();
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
