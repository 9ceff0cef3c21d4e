// Search in the offline snapshot, as the live registry searches: every word of the query must begin a word of
// the product's name, other names, organisations or texts (folded the same way: no accents, no case), and the
// products found are ranked as the live catalogue ranks them (all words in the name first, then in the name and
// other names, then with the organisations, then anywhere), by name within a rank.
// Without JavaScript the whole list stays visible, so nothing depends on this file.
(function () {
  var input = document.getElementById("snapshot-q");
  var data = document.getElementById("snapshot-index");
  if (!input || !data) return;
  var index = JSON.parse(data.textContent).map(function (entry) {
    return {slug: entry[0], fields: entry.slice(1).map(function (text) { return text.split(" ").filter(Boolean); })};
  });
  var items = {};
  document.querySelectorAll("[data-slug]").forEach(function (el) { items[el.getAttribute("data-slug")] = el; });
  var list = document.querySelector("ul.products");
  var counter = document.getElementById("snapshot-count");
  // The list filters as you type; Enter does not leave the page.
  document.getElementById("snapshot-search").addEventListener("submit", function (event) { event.preventDefault(); });
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss");
  }
  function found(words, fields) {
    var tokens = [].concat.apply([], fields);
    return words.every(function (w) { return tokens.some(function (t) { return t.indexOf(w) === 0; }); });
  }
  function rank(words, fields) {
    for (var tier = 1; tier < fields.length; tier++) {
      if (found(words, fields.slice(0, tier))) return tier;
    }
    return fields.length;
  }
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    words = words.filter(function (w, i) { return words.indexOf(w) === i; }).slice(0, 8);
    var shown = [];
    index.forEach(function (entry, position) {
      var match = found(words, entry.fields);
      items[entry.slug].hidden = !match;
      if (match) shown.push({slug: entry.slug, tier: words.length ? rank(words, entry.fields) : 0, position: position});
    });
    shown.sort(function (a, b) { return a.tier - b.tier || a.position - b.position; });
    shown.forEach(function (entry) { list.appendChild(items[entry.slug]); });
    counter.textContent = shown.length;
  });
})();
