// The search page (docs/recherche.md): its own box, prefilled from ?q= (the header
// form and the header list's « Voir tous les résultats » lead here), results listed
// as one types, ten at a time, each saying why it was found when it was through an
// amount or a synonym; for no result, words to try and the lists to browse. The search
// itself: recherche-moteur.js. The address follows the query (?q=…), so that a search
// can be bookmarked or shared.
(function () {
  "use strict";
  var formulaire = document.getElementById("recherche");
  var boite = document.getElementById("crte-recherche-q");
  var etat = document.getElementById("crte-recherche-etat");
  var liste = document.getElementById("crte-recherche-resultats");
  var plus = document.getElementById("crte-recherche-plus");
  var aucun = document.getElementById("crte-recherche-aucun"); // templates/blocks/recherche-aucun.html
  var suggestions = document.getElementById("crte-recherche-suggestions");
  var essayez = document.getElementById("crte-recherche-essayez");
  if (!formulaire || !boite || !window.crteRecherche) return;
  var PAR_PAGE = 10, ATTENTE_MS = 300; // the pause in the typing before a query of short words is searched (recherche-moteur.js)
  var reponse = null, affiches = 0, demande = null;

  function pluriel(n, mot) {
    return n.toLocaleString("fr-FR") + " " + mot + (n > 1 ? "s" : "");
  }

  function lien(url, texte, classe) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = texte;
    if (classe) a.className = classe;
    return a;
  }

  function ajouter(r) {
    var li = document.createElement("li");
    li.className = "crte-resultat";
    li.appendChild(lien(r.url, r.titre, "crte-resultat__lien"));
    if (r.raison) { // an amount, a synonym: why this page was found
      var raison = document.createElement("p");
      raison.className = "crte-resultat__raison";
      raison.textContent = r.raison;
      li.appendChild(raison);
    }
    var extrait = document.createElement("p");
    extrait.className = "crte-resultat__extrait";
    extrait.innerHTML = r.extrait; // built from escaped words (recherche-moteur.js)
    if (r.extrait) li.appendChild(extrait);
    if (r.sous.length) {
      var sous = document.createElement("ul");
      sous.className = "crte-resultat__sous";
      r.sous.forEach(function (s) {
        var item = document.createElement("li");
        item.appendChild(lien(s.url, s.titre));
        sous.appendChild(item);
      });
      li.appendChild(sous);
    }
    liste.appendChild(li);
  }

  // The next results of `courante`; the first ones replace the list and its status
  // together, so that the count is announced with the results on screen.
  function suite(courante, statut) {
    plus.disabled = true;
    return courante.lire(affiches, PAR_PAGE).then(function (resultats) {
      if (courante !== reponse) return;
      if (statut !== undefined) { liste.textContent = ""; aucun.hidden = true; etat.textContent = statut; }
      resultats.forEach(ajouter);
      affiches += resultats.length;
      plus.disabled = false;
      plus.hidden = affiches >= courante.total;
    });
  }

  function vider(message) {
    reponse = null;
    affiches = 0;
    liste.textContent = "";
    plus.hidden = true;
    aucun.hidden = true;
    etat.textContent = message;
  }

  // Nothing found: words that lead somewhere (recherche/mots.json), the actions, the communes.
  function rien(texte) {
    vider("Aucun résultat pour « " + texte + " »");
    return window.crteRecherche.suggestions().then(function (mots) {
      if (demande !== texte) return;
      suggestions.textContent = "";
      mots.forEach(function (mot) {
        var li = document.createElement("li");
        li.appendChild(lien("?" + new URLSearchParams({ q: mot }), mot));
        suggestions.appendChild(li);
      });
      essayez.hidden = suggestions.hidden = !mots.length;
      aucun.hidden = false;
    }, function () { if (demande === texte) aucun.hidden = false; });
  }

  function quoi(r) {
    var n = pluriel(r.total, "résultat");
    if (!r.partiel) return n + " pour « " + r.texte + " »";
    return "Aucun résultat pour toute la recherche ; résultats pour une partie des mots : " +
      r.partiel.map(function (m) { return "« " + m + " »"; }).join(", ") + " (" + n + ")";
  }

  function chercher(attente) {
    var texte = boite.value.trim();
    if (texte === demande) return;
    demande = texte;
    var adresse = texte ? "?" + new URLSearchParams({ q: texte }) : window.location.pathname;
    window.history.replaceState(null, "", adresse);
    if (!texte) { vider(""); return; }
    window.crteRecherche.chercher(texte, attente).then(function (r) {
      if (r === null || demande !== texte) return null; // a later query replaced this one
      if (!r.total) return rien(texte);
      reponse = r;
      affiches = 0;
      return suite(r, quoi(r));
    }).catch(function (erreur) {
      if (demande === texte) vider(erreur.message);
    });
  }

  formulaire.addEventListener("submit", function (e) { e.preventDefault(); chercher(0); });
  boite.addEventListener("input", function () { chercher(ATTENTE_MS); });
  plus.addEventListener("click", function () { suite(reponse); });

  var q = new URLSearchParams(window.location.search).get("q");
  if (q) boite.value = q;
  boite.focus();
  if (q) {
    chercher(0);
  } else {
    // Pagefind loads when the reader starts typing or touches the box, as in the header
    // (its start-up is the page's heaviest work: not for a visit that only looks);
    // opened from a file, the page says at once why nothing will come.
    var demarrer = function () {
      window.crteRecherche.demarrer().catch(function (erreur) { if (!demande) etat.textContent = erreur.message; });
    };
    if (window.location.protocol === "file:") demarrer();
    ["keydown", "pointerdown", "input"].forEach(function (type) { boite.addEventListener(type, demarrer, { once: true }); });
  }
})();
