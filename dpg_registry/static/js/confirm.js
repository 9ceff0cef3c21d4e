/* Confirmations (see templates/layout/_confirm.html): the question a destructive action asks, shown in a
   modal <dialog> instead of opening below its button. Without this script the <details> opens in place. */
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") return;
  document.querySelectorAll("details[data-confirm]").forEach(function (details) {
    var summary = details.querySelector("summary");
    var body = details.querySelector(".confirm-body");
    var cancel = body.querySelector("[data-confirm-cancel]");
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-label", summary.textContent.trim());
    dialog.appendChild(body);
    details.parentNode.insertBefore(dialog, details.nextSibling);
    cancel.hidden = false;
    cancel.addEventListener("click", function () { dialog.close(); });
    summary.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.addEventListener("close", function () { summary.focus(); });
  });
})();
