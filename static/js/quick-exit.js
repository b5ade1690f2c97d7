/*
 * "Leave this site quickly": progressive enhancement of a plain link.
 *
 * Markup contract: <a data-quick-exit href="NEUTRAL_URL"> and, optionally, a hidden hint
 * element with id="quick-exit-hint" that describes the keyboard shortcut. Without JavaScript
 * the link still goes to the neutral site. With it, the link (and pressing Escape twice within
 * a second, anywhere on the page) replaces the current history entry, so the back button does
 * not return here, and blanks the page at once in case the new site is slow to load.
 */
(function () {
  "use strict";

  var link = document.querySelector("a[data-quick-exit]");
  if (!link) { return; }
  var DOUBLE_PRESS_MS = 1000;
  var lastEscape = 0;

  function leave() {
    var target = link.href;
    document.title = "";
    document.body.style.visibility = "hidden";
    window.location.replace(target);
  }

  var hint = document.getElementById("quick-exit-hint");
  if (hint) {
    hint.hidden = false;
    link.setAttribute("aria-describedby", hint.id);
  }

  link.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    var now = Date.now();
    if (now - lastEscape <= DOUBLE_PRESS_MS) {
      lastEscape = 0;
      leave();
    } else {
      lastEscape = now;
    }
  });
})();
