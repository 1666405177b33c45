// The search engine shared by the header box (recherche-entete.js) and the search
// page (recherche.js): Pagefind's JS API (pagefind/pagefind.js, loaded on first use),
// plus what crte/search/indexer.py explains. The index holds words as written (no
// stemmer), and their parts without a French prefix (« amiantage » for
// « désamiantage », metadata field `parties`). Here:
// - each query word loses its common French ending (« rénovation » → « renov »),
//   and Pagefind finds every indexed word it starts;
// - when no indexed word starts with a query word, Pagefind searches a shorter one
//   instead (« azerty » → « a »): no word of the first result then starts with the
//   query word, and the answer is « no result »;
// - excerpts are ours: they highlight the words that start with a query word, or,
//   for a page found through a word part, the words that contain it;
// - an amount in the query (recherche-montants.js) puts first the pages showing the
//   nearest amounts (recherche/montants.json), each saying which;
// - the query is also searched with each synonym of its words (recherche/mots.json,
//   crte/search/words.py), its own results first, the others saying which word found them;
// - when no page holds every word, the pages holding the most of them, said as such
//   (`partiel`: the words that found something).
//
// window.crteRecherche = {
//   demarrer(): Promise<pagefind>          load Pagefind and every part of the index ahead of the first query
//   chercher(texte, attenteMs): Promise<null | Reponse>   null: a later query replaced it;
//                                          attenteMs: the pause in the typing it waits for
//                                          (at most 40 ms when its last word has 4 letters or more)
//   preparer(texte): ["renov", …]          the stems searched
//   suggestions(): Promise<["piste cyclable", …]>   words to suggest when nothing is found
// }
// Reponse = {texte, mots: ["renov"], total: 12, partiel: null | ["mot", …], lire(debut, nombre): Promise<[Resultat]>}
// Resultat = {url, titre, extrait (HTML, <mark>), sous: [{titre, url}], raison: "" | why it was found}
// chercher() rejects with an Error whose message is French, to show as is.
(function () {
  "use strict";
  // This file is <site>/javascripts/recherche-moteur.js: the site's root is one level up,
  // whatever the depth of the page and the path the site is published under.
  var script = document.currentScript;
  var racine = new URL("../", script.src);
  // A large site's index comes in parts (crte/search/indexer.py): pagefind/, then
  // pagefind/partie-1/, partie-2/…, each searched on its own, the results merged here.
  var PARTIES = Number(script.dataset.parties) || 1;
  var FICHIER = "La recherche ne fonctionne que sur le site publié ou avec make serve : ouverte " +
    "depuis un fichier (file://), la page ne peut pas charger l'index de recherche.";
  var INDISPONIBLE = "La recherche est indisponible : l'index de recherche n'a pas pu être chargé.";
  var LONGUEUR_EXTRAIT = 30; // words
  var PREMIERS = 10; // results whose text loads with the answer: the search page shows 10
  var PAUSE_MOT_LONG = 40; // ms without a keystroke before a query whose last word has 4 letters or more
  var chargement = null;

  // Pagefind, and the other parts of the index added to the first one, each marked by
  // a filter `partie` so that each can be searched on its own.
  // Pagefind fetches its files one after the other: its module, its worker, the first
  // part's entry, its metadata with the WebAssembly, and only then (it polls every 50 ms
  // for the WebAssembly) each other part's entry, then that part's metadata. The page
  // asks for the entries, metadata and WebAssembly at once, beside the module
  // (`avancer`), and the worker finds them in the browser's cache: the entry's address
  // carries a tag per visit (Pagefind's `metaCacheTag`, the same for the page and the
  // worker; Pagefind's own default is a new one at each request), so an entry is still
  // never older than the visit. (The worker's script is left alone: Chromium fetches it
  // again.) The other parts are added once the first one is ready: no polling.
  // At 10 000 actions (then 6 parts), typed at once in the search page: « henin » 382 → 304 ms
  // (median of 7), 693 → 528 ms with 40 ms of network latency (bench/README.md).
  // The folder of part `n` of the index, from the site's root (crte/search/indexer.py, PART_DIR).
  function partie(n) { return n ? "pagefind/partie-" + n + "/" : "pagefind/"; }

  function avancer(tag) {
    var prendre = function (adresse) {
      fetch(new URL(adresse, racine)).then(function (r) { return r.arrayBuffer(); }).catch(rien);
    };
    for (var n = 0; n < PARTIES; n++) {
      (function (dossier, premiere) {
        fetch(new URL(dossier + "pagefind-entry.json?ts=" + tag, racine)).then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        }).then(function (entree) {
          Object.keys(entree.languages || {}).forEach(function (langue) {
            var index = entree.languages[langue];
            prendre(dossier + "pagefind." + index.hash + ".pf_meta");
            if (premiere) prendre(dossier + "wasm." + (index.wasm || "unknown") + ".pagefind");
          });
        }).catch(rien);
      })(partie(n), n === 0);
    }
  }

  function demarrer() {
    // Browsers refuse to load a module from a file:// page: say so instead of waiting forever.
    if (location.protocol === "file:") return Promise.reject(new Error(FICHIER));
    if (!chargement) {
      var tag = String(Date.now());
      chargement = import(new URL("pagefind/pagefind.js", racine).href).then(function (pf) {
        // Result URLs are site-relative ("/actions/x/"): prefixed with the site's own path.
        var options = function (n) {
          var o = { baseUrl: racine.pathname, metaCacheTag: tag };
          if (PARTIES > 1) o.mergeFilter = { partie: String(n) };
          return o;
        };
        return pf.options(options(0)).then(function () {
          return pf.init();
        }).then(function () {
          var parties = [];
          for (var n = 1; n < PARTIES; n++) {
            parties.push(pf.mergeIndex(new URL(partie(n), racine).pathname, options(n)));
          }
          return Promise.all(parties);
        }).then(function () { return pf; });
      });
      avancer(tag); // after the module, which comes first
      chargement.catch(function () { chargement = null; }); // try again at the next query
    }
    return chargement.catch(function () { throw new Error(INDISPONIBLE); });
  }

  // Lower case, no accents, letters and digits only: what Pagefind indexes of a word
  // (« Saint-Omer » → « saintomer », besides « saint » and « omer »).
  var AUTRES = /[^\p{L}\p{N}]+/gu;
  function plier(mot) { return mot.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
  function normaliser(mot) { return plier(mot).replace(AUTRES, ""); }

  // Common French endings, and the letters a word keeps without them: « écoles » →
  // « ecole » (not « ecol », which starts « écologie »), « énergie » → « energ ».
  var TERMINAISONS = [
    ["issements", 5], ["issement", 5], ["atrices", 5], ["ements", 5], ["ations", 5], ["atrice", 5],
    ["ateurs", 5], ["ement", 5], ["ation", 5], ["ateur", 5], ["ances", 5], ["ences", 5], ["iques", 5],
    ["ismes", 5], ["istes", 5], ["ables", 5], ["ibles", 5], ["euses", 5], ["ance", 5], ["ence", 5],
    ["ique", 5], ["isme", 5], ["iste", 5], ["able", 5], ["ible", 5], ["euse", 5], ["ives", 5],
    ["ites", 5], ["aux", 5], ["eux", 5], ["ive", 5], ["ite", 5], ["ies", 5], ["ees", 5], ["ers", 5],
    ["ie", 5], ["ee", 5], ["er", 5], ["ez", 5], ["es", 5], ["e", 5], ["s", 3], ["x", 3]
  ];
  function racineDe(mot) {
    for (var i = 0; i < TERMINAISONS.length; i++) {
      var fin = TERMINAISONS[i][0];
      if (mot.length - fin.length >= TERMINAISONS[i][1] && mot.slice(-fin.length) === fin) {
        return mot.slice(0, -fin.length);
      }
    }
    return mot;
  }

  // « l'amiante » → ["amiant"]: elided articles dropped, each word cut to its stem.
  function preparer(texte) {
    return texte.split(/\s+/).map(function (mot) {
      return racineDe(normaliser(mot.replace(/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/i, "")));
    }).filter(function (mot) { return mot.length > 0; });
  }

  // The forms a word of a page is indexed under: whole, and each part of a compound.
  function formes(mot) {
    var plie = plier(mot);
    return [plie.replace(AUTRES, "")].concat(plie.split(AUTRES));
  }
  function commencePar(mot, q) {
    return formes(mot).some(function (f) { return f.indexOf(q) === 0; });
  }

  // A page's text is one object that Pagefind shares between searches: each r.data()
  // sets the positions of its own search's words on it (`locations`, `sub_results`),
  // and another search's r.data() may replace them before ours reads them. Positions
  // are therefore read from the result itself (`r.words`, set once per search), and
  // the sections found are worked out from them here.
  // Did Pagefind find each query word itself (at the positions `places`), not a shorter word in its place?
  function trouve(donnees, places, mots) {
    var contenu = donnees.content.split(/[\r\n\s]+/g);
    var parties = ((donnees.meta && donnees.meta.parties) || "").split(" ");
    return mots.every(function (q) {
      return places.some(function (l) { return contenu[l] !== undefined && commencePar(contenu[l], q); }) ||
        parties.some(function (p) { return p.indexOf(q) === 0; });
    });
  }

  function echapper(texte) {
    return texte.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // LONGUEUR_EXTRAIT words around the densest group of matches, matches in <mark>.
  function extrait(donnees, mots) {
    var contenu = donnees.content.split(/[\r\n\s]+/g);
    var marque = contenu.map(function (mot) { return mots.some(function (q) { return commencePar(mot, q); }); });
    mots.forEach(function (q) { // found through a word part: the words that contain it
      if (!marque.some(function (m, i) { return m && commencePar(contenu[i], q); })) {
        contenu.forEach(function (mot, i) { if (plier(mot).indexOf(q) > 1) marque[i] = true; });
      }
    });
    var debut = 0, meilleur = -1;
    for (var i = 0; i < contenu.length; i++) {
      if (!marque[i]) continue;
      var n = 0;
      for (var j = i; j < Math.min(contenu.length, i + LONGUEUR_EXTRAIT); j++) if (marque[j]) n++;
      if (n > meilleur) { meilleur = n; debut = Math.max(0, i - 6); }
    }
    var fin = Math.min(contenu.length, debut + LONGUEUR_EXTRAIT);
    var html = contenu.slice(debut, fin).map(function (mot, k) {
      return marque[debut + k] ? "<mark>" + echapper(mot) + "</mark>" : echapper(mot);
    }).join(" ");
    return (debut > 0 ? "… " : "") + html + (fin < contenu.length ? " …" : "");
  }

  // The headings (with an id) of the sections holding the words at `places`, in the
  // page's order, as Pagefind's sub_results name them: [{titre, url: "page#id"}].
  function sections(donnees, places) {
    var titres = (donnees.anchors || []).filter(function (a) {
      return /h\d/i.test(a.element) && a.id && /\S/.test(a.text || "");
    }).sort(function (a, b) { return a.location - b.location; });
    var vues = [];
    places.slice().sort(function (a, b) { return a - b; }).forEach(function (l) {
      var dans = null;
      titres.forEach(function (a) { if (a.location <= l) dans = a; });
      if (dans && vues.indexOf(dans) < 0) vues.push(dans);
    });
    return vues.map(function (a) { return { titre: a.text, url: donnees.url + "#" + a.id }; });
  }

  function resultat(donnees, places, mots, raison) {
    var titre = (donnees.meta && donnees.meta.title) || donnees.url;
    var sous = sections(donnees, places).filter(function (s) { return s.titre !== titre; }).slice(0, 3);
    return { url: donnees.url, titre: titre, extrait: extrait(donnees, mots), sous: sous, raison: raison };
  }

  // Pages found only through a word part (no word of their text matched: the part is in
  // `parties`) get about one same score from Pagefind (one per part of the index). Among
  // the first ones, those whose title holds the word come first: `amiante` gives
  // « Démolition et désamiantage … » first.
  function departager(trouves, mots) {
    var egaux = [];
    while (egaux.length < 20 && egaux.length < trouves.length && !trouves[egaux.length].words.length) {
      egaux.push(trouves[egaux.length]);
    }
    if (egaux.length < 2) return Promise.resolve(trouves);
    return Promise.all(egaux.map(function (r) { return r.data(); })).then(function (donnees) {
      var rang = donnees.map(function (d, i) {
        var titre = ((d.meta && d.meta.title) || "").split(/\s+/);
        var dedans = titre.some(function (mot) {
          return mots.some(function (q) { return commencePar(mot, q) || plier(mot).indexOf(q) > 1; });
        });
        return { r: egaux[i], cle: (dedans ? 0 : 1) * 1000 + i };
      }).sort(function (x, y) { return x.cle - y.cle; });
      return rang.map(function (x) { return x.r; }).concat(trouves.slice(egaux.length));
    });
  }

  // The site's files beside the index: its amounts (fetched by an amount query only) and
  // its synonyms and suggestions (crte/search/amounts.py, words.py), each fetched once.
  var fichiers = {};
  function fichier(nom) {
    if (!fichiers[nom]) {
      fichiers[nom] = fetch(new URL(script.dataset[nom], racine)).then(function (r) {
        if (!r.ok) throw new Error(INDISPONIBLE);
        return r.json();
      });
      fichiers[nom].catch(function () { delete fichiers[nom]; });
    }
    return fichiers[nom];
  }

  // One search of `mots` in every part: the results whose words are there, best first.
  function une(pf, mots) {
    var parties = [];
    for (var n = 0; n < PARTIES; n++) {
      parties.push(pf.search(mots.join(" "), PARTIES > 1 ? { filters: { partie: String(n) } } : {}));
    }
    return Promise.all(parties).then(function (reponses) {
      // Each part falls back on a shorter word on its own: keep the parts whose first
      // result holds the words themselves, then one list, by score. The fragments of
      // the first results load meanwhile (Pagefind keeps them for lire()).
      [].concat.apply([], reponses.map(function (r) { return r.results; }))
        .sort(function (a, b) { return b.score - a.score; }).slice(0, PREMIERS)
        .forEach(function (r) { r.data().catch(function () {}); });
      return Promise.all(reponses.map(function (r) {
        if (!r.results.length) return [];
        return r.results[0].data().then(function (d) { return trouve(d, r.results[0].words, mots) ? r.results : []; });
      }));
    }).then(function (listes) {
      var tous = [].concat.apply([], listes).sort(function (a, b) { return b.score - a.score; });
      return tous.length ? departager(tous, mots) : [];
    });
  }

  // The query, then each of its variants with a synonym (recherche/mots.json) in place
  // of a word or phrase of it: [{mots, raison}], the query itself first.
  function variantes(mots, synonymes) {
    var out = [{ mots: mots, raison: "" }];
    synonymes.forEach(function (groupe) {
      var formes = groupe.map(preparer);
      formes.some(function (f, k) { // the group's first word or phrase found in the query
        for (var i = 0; i + f.length <= mots.length; i++) {
          if (!f.every(function (m, j) { return mots[i + j] === m; })) continue;
          formes.forEach(function (autre, l) {
            if (l === k || !autre.length) return;
            out.push({ mots: mots.slice(0, i).concat(autre, mots.slice(i + f.length)),
                       raison: "trouvé avec « " + groupe[l] + " », synonyme de « " + groupe[k] + " »" });
          });
          return true;
        }
        return false;
      });
    });
    return out;
  }

  // Every page found by `mots` or one of its variants: [{r, mots, raison}], the query's first.
  function avecSynonymes(pf, mots, synonymes) {
    var liste = variantes(mots, synonymes);
    return Promise.all(liste.map(function (v) { return une(pf, v.mots); })).then(function (reponses) {
      var vus = {}, out = [];
      reponses.forEach(function (resultats, i) {
        resultats.forEach(function (r) {
          if (!vus[r.id]) { vus[r.id] = true; out.push({ r: r, mots: liste[i].mots, raison: liste[i].raison }); }
        });
      });
      return out;
    });
  }

  // No page holds every word: the pages that hold the most of them, then by score.
  // {trouves, mots: the words (as typed) that found something}.
  function partielle(pf, mots, tapes, synonymes) {
    return Promise.all(mots.map(function (m) { return avecSynonymes(pf, [m], synonymes); })).then(function (listes) {
      var pages = {}, utiles = [];
      listes.forEach(function (liste, i) {
        if (liste.length) utiles.push(tapes[i]);
        liste.forEach(function (t) {
          var p = pages[t.r.id] || (pages[t.r.id] = { r: t.r, mots: [], raison: "", n: 0, score: 0 });
          p.mots = p.mots.concat(t.mots);
          p.n += 1;
          p.score = Math.max(p.score, t.r.score);
        });
      });
      var trouves = Object.keys(pages).map(function (id) { return pages[id]; })
        .sort(function (a, b) { return b.n - a.n || b.score - a.score; });
      return { trouves: trouves, mots: utiles };
    });
  }

  // The pages showing the amount nearest the query's (recherche-montants.js).
  function parMontant(lu) {
    if (!lu) return Promise.resolve([]);
    return fichier("montants").then(function (f) {
      return window.crteMontants.proches(lu, f.montants).map(function (p) {
        var m = p.montant;
        return { page: {
          url: new URL(m.route, racine).pathname, titre: m.titre, extrait: "", sous: [],
          raison: (p.egal ? "montant de " : "montant proche de ") + m.texte + " (" + m.libelle + ")"
        } };
      });
    });
  }

  function lecture(t) {
    return t.page ? Promise.resolve(t.page) : t.r.data().then(function (d) { return resultat(d, t.r.words, t.mots, t.raison); });
  }

  var derniere = 0; // the number of the last query: an earlier one not yet searched gives way
  var libre = Promise.resolve(); // settles when the search running in Pagefind's worker has ended
  function rien() { /* the search says it */ }

  // The query's words as typed and their stems, elided articles dropped, empty ones left out.
  function mots(texte) {
    var tapes = texte.split(/\s+/).filter(function (m) { return preparer(m).length; });
    return { tapes: tapes, racines: tapes.map(function (m) { return preparer(m)[0]; }) };
  }

  // The pages found for the words `q` and the amount `lu`: {trouves, partiel}.
  function rechercher(pf, q, lu, synonymes) {
    return Promise.all([parMontant(lu), q.racines.length ? avecSynonymes(pf, q.racines, synonymes) : []]).then(function (r) {
      if (r[1].length || q.racines.length < 2) return { trouves: r[0].concat(r[1]), partiel: null };
      return partielle(pf, q.racines, q.tapes, synonymes).then(function (p) {
        return { trouves: r[0].concat(p.trouves), partiel: p.trouves.length ? p.mots : null };
      });
    });
  }

  function chercher(texte, attenteMs) {
    var numero = ++derniere;
    var lu = window.crteMontants ? window.crteMontants.lire(texte) : null;
    var q = mots(lu ? lu.reste : texte);
    var vide = { texte: texte, mots: q.racines, total: 0, partiel: null, lire: function () { return Promise.resolve([]); } };
    // When to search. Pagefind searches in its worker, and here one query at a time: a
    // query is searched once the one before it has ended, unless a later one replaced it
    // meanwhile. It waits first for a pause in the typing, counted from this keystroke
    // (while Pagefind and the synonyms load): PAUSE_MOT_LONG when its last word has 4
    // letters or more (« henin » while « heni » is being searched: the first letters'
    // fragments are loaded by then), else attenteMs: « de » alone spans a good part of
    // the index (in every part of it), 2 s of search at 10 000 actions that the next
    // letter makes useless and a later query would wait for; nor are its fragments preloaded.
    var dernier = q.racines[q.racines.length - 1];
    var long = dernier !== undefined && dernier.length >= 4;
    var pause = new Promise(function (fin) { setTimeout(fin, long ? Math.min(attenteMs, PAUSE_MOT_LONG) : attenteMs); });
    var pret = demarrer(); // from a file:// page, rejects at once: nothing else is fetched
    var motsJson = location.protocol === "file:" ? pret : fichier("mots");
    motsJson.catch(rien);
    return pret.then(function (pf) {
      if (!q.racines.length && !lu) return vide;
      if (numero === derniere && long) pf.preload(q.racines.join(" ")).catch(rien);
      return Promise.all([motsJson, pause]).then(function (f) {
        if (numero !== derniere) return null;
        var tour = libre.then(function () { return numero === derniere ? rechercher(pf, q, lu, f[0].synonymes) : null; });
        libre = tour.then(rien, rien);
        return tour;
      }).then(function (fin) {
        if (fin === null || numero !== derniere) return null;
        if (!fin.trouves.length) return vide;
        return {
          texte: texte, mots: q.racines, total: fin.trouves.length, partiel: fin.partiel,
          lire: function (debut, nombre) { return Promise.all(fin.trouves.slice(debut, debut + nombre).map(lecture)); }
        };
      });
    }).catch(function (erreur) { // Pagefind's own errors are in English, and say little to a reader
      throw erreur.message === FICHIER ? erreur : new Error(INDISPONIBLE);
    });
  }

  // The words to suggest when nothing is found (recherche/mots.json).
  function suggestions() {
    return fichier("mots").then(function (f) { return f.suggestions; });
  }

  window.crteRecherche = { demarrer: demarrer, chercher: chercher, preparer: preparer, suggestions: suggestions };
})();
