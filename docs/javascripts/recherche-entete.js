// The header search box (overrides/partials/header.html): results appear under it as
// one types, in a listbox, following the WAI-ARIA combobox pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/, list autocomplete with manual
// selection). Focus stays in the box; the active option is aria-activedescendant.
// - Down / Up arrows: move through the options (the last one: « Voir tous les résultats »);
// - Enter: opens the active option; with none, the form takes the query to the search
//   page (/recherche/?q=…), as it does without JavaScript;
// - Escape: closes the list, or, closed, empties the box; Tab and leaving the box close it.
// The status line above the list (role="status") says how many results, or none, or that
// only some of the words were found, or why the search cannot run; screen readers announce
// it. An option found through an amount or a synonym says so under its title. The list
// holds as many results as fit the screen, 6 at most, then « Voir tous les résultats ».
(function () {
  "use strict";
  var boite = document.getElementById("crte-q");
  if (!boite || !window.crteRecherche) return;
  var formulaire = boite.form;
  var panneau = document.getElementById("crte-q-panneau");
  var etat = document.getElementById("crte-q-etat");
  var liste = document.getElementById("crte-q-options");
  var MAX = 6, ATTENTE_MS = 300; // the pause in the typing before a query of short words is searched (recherche-moteur.js)
  var options = [], actif = -1, demande = "";

  function pluriel(n, mot) {
    return n.toLocaleString("fr-FR") + " " + mot + (n > 1 ? "s" : "");
  }

  function ouvert() { return boite.getAttribute("aria-expanded") === "true"; }

  function activer(i) {
    options.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
    actif = i;
    if (i < 0) {
      boite.removeAttribute("aria-activedescendant");
    } else {
      boite.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    }
  }

  function montrer(visible) {
    liste.hidden = !visible || !options.length;
    boite.setAttribute("aria-expanded", liste.hidden ? "false" : "true");
    panneau.classList.toggle("crte-suggestions--ouvert", visible && (!liste.hidden || etat.textContent !== ""));
    if (liste.hidden) activer(-1);
  }

  function dire(message) {
    etat.textContent = message;
    options = [];
    liste.textContent = "";
    montrer(message !== "");
  }

  function option(id, url) {
    var li = document.createElement("li");
    li.id = "crte-q-option-" + id;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.className = "crte-suggestion";
    li.dataset.url = url;
    return li;
  }

  function afficher(reponse, resultats) {
    etat.textContent = reponse.partiel ? "Aucun résultat pour toute la recherche ; résultats pour une partie des mots : " +
      reponse.partiel.map(function (m) { return "« " + m + " »"; }).join(", ") : pluriel(reponse.total, "résultat");
    liste.textContent = "";
    options = resultats.map(function (r, i) {
      var li = option(i, r.url);
      var titre = document.createElement("span");
      titre.className = "crte-suggestion__titre";
      titre.textContent = r.titre;
      var extrait = document.createElement("span");
      extrait.className = "crte-suggestion__extrait";
      extrait.innerHTML = r.extrait; // built from escaped words (recherche-moteur.js)
      if (r.raison) { // an amount, a synonym: why this page was found
        var raison = document.createElement("span");
        raison.className = "crte-suggestion__raison";
        raison.textContent = r.raison;
        li.append(titre, raison);
      } else {
        li.append(titre);
      }
      if (r.extrait) li.append(extrait);
      return li;
    });
    var tous = option("tous", formulaire.action + "?" + new URLSearchParams({ q: reponse.texte }));
    tous.classList.add("crte-suggestion--tous");
    tous.textContent = "Voir tous les résultats (" + reponse.total.toLocaleString("fr-FR") + ")";
    options.push(tous);
    options.forEach(function (li) { liste.appendChild(li); });
    montrer(true);
    // As many results as the screen holds (MAX at most): the panel does not scroll, and
    // « Voir tous les résultats » stays in sight on a phone (a panel that scrolled would
    // also need something to take the focus inside it, which stays in the box).
    while (options.length > 2 && panneau.scrollHeight > panneau.clientHeight) {
      liste.removeChild(options.splice(options.length - 2, 1)[0]);
    }
  }

  function chercher() {
    var texte = boite.value.trim();
    if (texte === demande) return;
    demande = texte;
    if (texte.length < 2) { dire(""); return; }
    window.crteRecherche.chercher(texte, ATTENTE_MS).then(function (reponse) {
      if (reponse === null || demande !== texte) return null; // a later query replaced this one
      if (!reponse.total) { dire("Aucun résultat pour « " + texte + " »"); return null; }
      return reponse.lire(0, MAX).then(function (resultats) {
        if (demande === texte) afficher(reponse, resultats);
      });
    }).catch(function (erreur) {
      if (demande === texte) dire(erreur.message);
    });
  }

  function aller(li) { window.location.href = li.dataset.url; }

  // Pagefind loads when a reader heads for the box, not on every page view.
  function demarrer() { window.crteRecherche.demarrer().catch(function () { /* said at the first query */ }); }
  formulaire.addEventListener("pointerenter", demarrer, { once: true });
  boite.addEventListener("focus", function () {
    demarrer();
    if (options.length || etat.textContent) montrer(true);
  });
  boite.addEventListener("input", chercher);
  boite.addEventListener("keydown", function (e) {
    var n = options.length;
    if (e.key === "ArrowDown" && n) {
      e.preventDefault();
      if (!ouvert()) { montrer(true); activer(0); } else { activer((actif + 1) % n); }
    } else if (e.key === "ArrowUp" && n) {
      e.preventDefault();
      if (!ouvert()) { montrer(true); activer(n - 1); } else { activer(actif <= 0 ? n - 1 : actif - 1); }
    } else if (e.key === "Enter" && ouvert() && actif >= 0) {
      e.preventDefault();
      aller(options[actif]);
    } else if (e.key === "Escape") {
      if (panneau.classList.contains("crte-suggestions--ouvert")) {
        e.preventDefault();
        montrer(false);
      } else if (boite.value) {
        e.preventDefault();
        boite.value = "";
        chercher();
      }
    } else if (e.key === "Tab") {
      montrer(false);
    }
  });
  formulaire.addEventListener("focusout", function (e) {
    if (!formulaire.contains(e.relatedTarget)) montrer(false);
  });
  // A click on an option opens it; the box keeps the focus meanwhile.
  liste.addEventListener("mousedown", function (e) { e.preventDefault(); });
  liste.addEventListener("click", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) aller(li);
  });
})();
