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
