/*
 * "Copy citation" buttons, added by progressive enhancement.
 *
 * Markup contract: <button type="button" class="copy-citation" data-copy-target="ID" hidden>
 * next to an element with id=ID holding the citation text. Without JavaScript the buttons stay
 * hidden and the citation remains selectable text. A polite live region announces the result.
 */
(function () {
  "use strict";

  function announce(button, message) {
    var status = button.parentNode.querySelector(".copy-citation__status");
    if (!status) {
      status = document.createElement("span");
      status.className = "copy-citation__status";
      status.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", status);
    }
    status.textContent = message;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  document.querySelectorAll("button.copy-citation[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target.textContent.trim()).then(
        function () { announce(button, "Citation copied"); },
        function () { announce(button, "Could not copy: select the citation text and copy it"); }
      );
    });
  });
})();
