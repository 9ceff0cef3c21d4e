// Search in the offline snapshot: filters the list of products as you type.
// Without JavaScript the whole list stays visible, so nothing depends on this file.
(function () {
  var input = document.getElementById("snapshot-q");
  var data = document.getElementById("snapshot-index");
  if (!input || !data) return;
  var index = JSON.parse(data.textContent);
  var items = {};
  document.querySelectorAll("[data-slug]").forEach(function (el) { items[el.getAttribute("data-slug")] = el; });
  var counter = document.getElementById("snapshot-count");
  // The list filters as you type; Enter does not leave the page.
  document.getElementById("snapshot-search").addEventListener("submit", function (event) { event.preventDefault(); });
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var shown = 0;
    index.forEach(function (entry) {
      var tokens = entry[1].split(" ");
      var match = words.every(function (w) { return tokens.some(function (t) { return t.indexOf(w) === 0; }); });
      items[entry[0]].hidden = !match;
      if (match) shown += 1;
    });
    counter.textContent = shown;
  });
})();
