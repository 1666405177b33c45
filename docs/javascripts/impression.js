// Printing: show where each link of the content leads. The stylesheet prints
// data-url after the link text; relative hrefs are made absolute here.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".md-content a[href]:not(.headerlink)").forEach(function (a) {
    if (a.getAttribute("href").charAt(0) !== "#") {
      a.setAttribute("data-url", a.href);
    }
  });
});
