/* The book's small behaviours on top of the theme (added to every page by exobone.sphinxext). */

/* Keyboard users keep their place: the theme blurs a sidebar toggle when it is pressed (to hide
   its tooltip), so Enter a second time did nothing and closing the drawer left the focus
   nowhere. A toggle pressed from the keyboard (a click with no pointer: detail 0) gets the focus
   back, and closing a drawer returns the focus to the visible toggle that opens it. */
document.addEventListener("DOMContentLoaded", () => {
  const visible = (selector) =>
    [...document.querySelectorAll(selector)].find((el) => el.checkVisibility());
  // on the document, capturing: the theme's own handler stops the click from going further
  document.addEventListener("click", (event) => {
    const toggle = event.target.closest?.(".primary-toggle, .secondary-toggle");
    if (toggle && event.detail === 0) setTimeout(() => toggle.focus(), 0);
  }, true);
  for (const kind of ["primary", "secondary"]) {
    const drawer = document.getElementById(`pst-${kind}-sidebar-modal`);
    if (drawer) {
      drawer.addEventListener("close", () => {
        setTimeout(() => visible(`.${kind}-toggle`)?.focus(), 0);
      });
    }
  }
});

/* Figures fit the screen (exobone.css scales an SVG down to its column); under each one a
   button opens it at its own size in a dialog that scrolls, with zoom buttons (and the
   browser's own pinch zoom on a phone). */
function openFigure(svg, opener) {
  const width = Number(svg.getAttribute("width")) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute("height")) || svg.getBoundingClientRect().height;
  const dialog = document.createElement("dialog");
  dialog.className = "figure-zoom";
  dialog.setAttribute("aria-label", "Figure at full size");
  const bar = document.createElement("div");
  bar.className = "figure-zoom-bar";
  const body = document.createElement("div");
  body.className = "figure-zoom-body";
  const copy = svg.cloneNode(true);
  copy.style.maxWidth = "none";  // its own size, however narrow the screen: the dialog scrolls
  let scale = 1;
  const show = () => {
    copy.setAttribute("width", String(Math.round(width * scale)));
    copy.setAttribute("height", String(Math.round(height * scale)));
  };
  for (const [label, action] of [
    ["Zoom in", () => { scale *= 1.5; show(); }],
    ["Zoom out", () => { scale = Math.max(0.25, scale / 1.5); show(); }],
    ["Close", () => dialog.close()],
  ]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "figure-full-size";
    button.textContent = label;
    button.addEventListener("click", action);
    bar.append(button);
  }
  show();
  body.append(copy);
  dialog.append(bar, body);
  dialog.addEventListener("close", () => { dialog.remove(); opener.focus(); });
  document.body.append(dialog);
  dialog.showModal();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const svg of document.querySelectorAll('article svg[role="img"], article svg[role="group"]')) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "figure-full-size";
    button.textContent = "Open full size";
    button.addEventListener("click", () => openFigure(svg, button));
    svg.after(button);
  }
});
