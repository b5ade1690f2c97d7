/*
 * The "On this page" pane of a vision statement page.
 *
 * Markup contract: <details open data-in-page-nav>. The pane is open without JavaScript; on
 * narrow screens this script folds it away (the summary opens it again) so the article starts
 * near the top, and on wide screens, where it sits in a sidebar, it stays open. Choosing a
 * link on a narrow screen folds the pane again.
 */
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 60rem)");
  document.querySelectorAll("details[data-in-page-nav]").forEach(function (details) {
    function fit() { details.open = wide.matches; }
    fit();
    if (wide.addEventListener) { wide.addEventListener("change", fit); }
    details.addEventListener("click", function (event) {
      if (!wide.matches && event.target.closest("a")) { details.open = false; }
    });
  });
})();
