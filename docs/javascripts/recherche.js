// Search page: Pagefind's UI, in French, started with the query of the header
// form (?q=...). Pagefind folds accents and loads only the index fragments a
// query needs, so results stay fast with thousands of actions.
(function () {
  var ui = new PagefindUI({
    element: "#recherche",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    bundlePath: "../pagefind/",
    // Result URLs are site-relative ("/actions/x/"): prefix them with the
    // site's own path, so that search works when the site is not at the root.
    baseUrl: new URL("../", window.location.href).pathname,
    debounceTimeoutMs: 100,
    translations: { placeholder: "Rechercher dans le contrat, les actions, les indicateurs" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  var input = document.querySelector("#recherche input");
  if (input) {
    input.setAttribute("aria-label", "Rechercher dans le site");
    if (query) { input.value = query; }
    input.focus();
  }
})();
