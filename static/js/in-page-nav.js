/*
 * The "On this page" pane of a vision statement page.
 *
 * Markup contract: <details open data-in-page-nav>. The pane is open without JavaScript; on
 * narrow screens this script folds it away (the summary opens it again) so the article starts
 * near the top, and on wide screens, where it sits in a sidebar, it stays open. Choosing a
 * link on a narrow screen folds the pane again before the page jumps.
 */
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 60rem)");
  document.querySelectorAll("details[data-in-page-nav]").forEach(function (details) {
    var summary = details.querySelector("summary");
    // In the sidebar the pane is always open: its summary is a label, not a control.
    function fit() {
      details.open = wide.matches;
      if (wide.matches) { summary.setAttribute("tabindex", "-1"); } else { summary.removeAttribute("tabindex"); }
    }
    fit();
    if (wide.addEventListener) { wide.addEventListener("change", fit); }
    details.addEventListener("toggle", function () {
      if (wide.matches && !details.open) { details.open = true; }
    });
    details.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (wide.matches || !link) { return; }
      // Fold first, then follow the link, so the jump is measured without the open pane.
      event.preventDefault();
      details.open = false;
      if (window.location.hash === link.hash) {
        var target = document.getElementById(link.hash.slice(1));
        if (target) { target.scrollIntoView(); }
      } else {
        window.location.hash = link.hash;
      }
    });
  });
})();
