// Amounts in a query, as readers type or paste them (recherche-moteur.js uses it):
// « 90 millions », « 90,7 M€ », « 90,7 millions d'euros », « 1 234 567,89 € »,
// « 1234567.89 », « 1.234.567 », « 2,5 M », « 50 k€ », with any space of a paste.
// A number is an amount when a unit or « € » follows it, when its thousands are
// grouped, or from 10 000 up: « 2021 », « 9.9 », « 1307 m » stay words.
// The amounts the site shows: recherche/montants.json (crte/search/amounts.py).
//
// window.crteMontants = {
//   lire(texte): null | {valeur: 2500000, pas: 100000, texte: "2,5 M", reste: "words around"}
//   proches(lu, montants): [{montant, egal}]  the pages whose amount is nearest, nearest first
// }
// `pas` is the unit of the last digit typed (« 2,5 M » → 100 000, « 90 millions » →
// 10 000 000, « 1 950 206 € » → 1): a rounded query finds the amounts it rounds, and
// those within 5 % (« 2,5 millions » → 2 375 000 to 2 625 000); none so near, the three
// nearest within 20 %.
(function () {
  "use strict";
  var NOMBRE = /(^|[^\d,.])(\d{1,3}(?:[ .]\d{3})+(?!\d)|\d+)(?:,(\d+)|\.(\d{1,2}(?!\d)|\d{4,}))?/g;
  var UNITES = [ // « M » is a million, « m » one only before « € » (« 1307 m » are metres)
    [/^\s*(?:milliards?|mds?|md)(?!\p{L})/iu, 1e9],
    [/^\s*(?:millions?|mio)(?!\p{L})/iu, 1e6],
    [/^\s*(?:M(?!\p{L})|m(?=\s*(?:€|euros?(?!\p{L}))))/u, 1e6],
    [/^\s*(?:k|mille)(?!\p{L})/iu, 1e3]
  ];
  var MONNAIE = /^\s*(?:d['’]\s*|de\s+)?(?:€|euros?(?![\p{L}])|eur(?![\p{L}]))/iu;
  var PROCHE = 0.05, ASSEZ_PROCHE = 0.2, LOIN = 3;

  function lire(texte) {
    texte = texte.replace(/[\u00A0\u202F\u2007\u2009]/g, " ");
    NOMBRE.lastIndex = 0;
    var m;
    while ((m = NOMBRE.exec(texte)) !== null) {
      var entier = m[2].replace(/[ .]/g, ""), decimales = m[3] || m[4] || "";
      var debut = m.index + m[1].length, fin = m.index + m[0].length;
      var unite = 1, apres = texte.slice(fin);
      for (var i = 0; i < UNITES.length; i++) {
        var u = UNITES[i][0].exec(apres);
        if (u) { unite = UNITES[i][1]; fin += u[0].length; apres = texte.slice(fin); break; }
      }
      var monnaie = MONNAIE.exec(apres);
      if (monnaie) fin += monnaie[0].length;
      var valeur = Number(entier + "." + (decimales || "0")) * unite;
      if (unite === 1 && !monnaie && !/[ .]/.test(m[2]) && valeur < 10000) continue;
      var zeros = decimales ? -decimales.length : entier.length - entier.replace(/0+$/, "").length;
      if (entier.replace(/0+$/, "") === "") zeros = 0;
      return {
        valeur: valeur, pas: Math.pow(10, zeros) * unite, texte: texte.slice(debut, fin).trim(),
        reste: (texte.slice(0, debut) + " " + texte.slice(fin)).trim()
      };
    }
    return null;
  }

  // One entry a page (its nearest amount), within half a step or 5 % of the query; none
  // so near, the LOIN nearest within 20 %.
  function proches(lu, montants) {
    var marge = Math.max(lu.pas / 2, lu.valeur * PROCHE), vus = {};
    var tries = montants.map(function (m) {
      return { montant: m, ecart: Math.abs(Number(m.valeur) - lu.valeur) };
    }).filter(function (x) { return x.ecart <= lu.valeur * ASSEZ_PROCHE || x.ecart <= marge; })
      .sort(function (a, b) { return a.ecart - b.ecart; })
      .filter(function (x) { return vus[x.montant.route] ? false : (vus[x.montant.route] = true); });
    var pres = tries.filter(function (x) { return x.ecart <= marge; });
    return (pres.length ? pres : tries.slice(0, LOIN)).map(function (x) {
      return { montant: x.montant, egal: x.ecart < 0.005 };
    });
  }

  window.crteMontants = { lire: lire, proches: proches };
})();
