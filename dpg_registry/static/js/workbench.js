// The review workbench: "Record the decision on N" saves that indicator without leaving the page.
// The form posts as it would without JavaScript; the server answers with the indicator's new block.
(function () {
  "use strict";
  var form = document.querySelector("form[data-workbench]");
  if (!form || !window.fetch) { return; }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute("data-save-indicator")) { return; }  // the button for all: a normal post
    event.preventDefault();
    var data = new FormData(form, button);
    button.disabled = true;
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin",
                        headers: {"X-Workbench": "fragment"}})
      .then(function (response) {
        if (response.status !== 200 && response.status !== 400) { throw new Error(response.statusText); }
        var version = response.headers.get("X-Application-Version");
        return response.text().then(function (html) { swap(button.value, html, version); });
      })
      .catch(function () {  // post this one decision as the page would without JavaScript
        var only = document.createElement("input");
        only.type = "hidden";
        only.name = "indicator";
        only.value = button.value;
        form.appendChild(only);
        form.submit();
      });
  });

  function swap(code, html, version) {
    var old = document.getElementById("indicator-" + code);
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.querySelector("section");
    old.replaceWith(fresh);
    if (version) {
      // every form of the page now carries the application's new version (the finish form too)
      document.querySelectorAll("input[name='version'], input[name$='-version']").forEach(function (input) {
        input.value = version;
      });
    }
    var focus = fresh.querySelector(".saved, .errorlist, [aria-invalid=true]") || fresh.querySelector("h2");
    if (focus) {
      if (!focus.hasAttribute("tabindex")) { focus.setAttribute("tabindex", "-1"); }
      focus.focus();
    }
  }
})();
