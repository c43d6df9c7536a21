/* Search excerpts from disk: Sphinx's search page fetches each hit's page to cut an excerpt,
   which browsers refuse from file://. The page texts are in _static/search-texts.js (written
   by exobone.sphinxext.search); a request for one of the book's pages is answered from there,
   from file:// and from a server alike. */
(() => {
  const texts = window.exoboneSearchTexts || {};
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const original = window.fetch.bind(window);
  window.fetch = (resource, init) => {
    const url = new URL(String(resource), location.href);
    const path = decodeURIComponent(url.pathname);
    const base = decodeURIComponent(root.pathname);
    const doc = path.startsWith(base) ? path.slice(base.length).replace(/\.html$/, "") : null;
    if (doc !== null && Object.hasOwn(texts, doc)) {
      const main = document.createElement("div");
      main.setAttribute("role", "main");
      main.textContent = texts[doc];
      return Promise.resolve(new Response(main.outerHTML, { headers: { "Content-Type": "text/html" } }));
    }
    return original(resource, init);
  };
})();
