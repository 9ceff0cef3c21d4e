/* Pickers (see lib/pickers.py): a <select data-picker> becomes a search box with a list of matches and the
   chosen values as chips; an <input list data-picker> gets the same list for the word being typed. Without
   this script both stay plain form fields. Keys: arrows move, Enter picks, Escape closes the list,
   Backspace in an empty box removes the last chip. */
(function () {
  "use strict";
  var LIMIT = 60;
  var made = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function enhance(field) {
    var isSelect = field.tagName === "SELECT";
    var id = field.id || "picker-" + (++made);
    var words = field.dataset;
    var box = element("div", "picker");
    var chips = element("ul", "picker-chips");
    var list = element("ul", "picker-list");
    var input, options, matches = [], active = -1;

    list.id = id + "-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    if (isSelect) {
      options = Array.prototype.filter.call(field.options, function (o) { return o.value; }).map(function (o) {
        return { value: o.value, name: o.text, key: fold(o.text + " " + o.value), option: o };
      });
      input = element("input", "picker-search");
      input.type = "text";
      input.id = id + "-search";
      ["aria-describedby", "aria-invalid", "aria-required"].forEach(function (name) {
        if (field.hasAttribute(name)) input.setAttribute(name, field.getAttribute(name));
      });
      var label = document.querySelector('label[for="' + id + '"]');
      if (label) label.htmlFor = input.id;
      field.hidden = true;
      field.parentNode.insertBefore(box, field);
      box.appendChild(chips);
      box.appendChild(input);
    } else {
      var datalist = document.getElementById(field.getAttribute("list"));
      options = Array.prototype.map.call(datalist ? datalist.options : [], function (o) {
        return { value: o.value, name: o.text + " (" + o.value + ")", key: fold(o.text + " " + o.value) };
      });
      input = field;
      field.removeAttribute("list");
      field.parentNode.insertBefore(box, field);
      box.appendChild(field);
    }
    box.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.autocomplete = "off";

    function lastWord() {
      var found = /[^\s()]*$/.exec(input.value);
      return found[0];
    }

    function query() {
      var word = isSelect ? input.value : lastWord();
      return /^(and|or|with)$/i.test(word) ? "" : fold(word.trim());
    }

    function showChips() {
      if (!isSelect) return;
      chips.textContent = "";
      options.forEach(function (o) {
        if (!o.option.selected) return;
        var chip = element("li", "picker-chip");
        var name = element("span", "", o.name);
        name.dir = "auto";  // a Latin licence name keeps its brackets in place on a right-to-left page
        var remove = element("button", "quiet", "\u00d7");
        remove.type = "button";
        remove.setAttribute("aria-label", words.pickerRemove.replace("%(name)s", o.name));
        remove.addEventListener("click", function () {
          unpick(o);
          input.focus();
        });
        chip.appendChild(name);
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      chips.hidden = !chips.firstChild;
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function setActive(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, position) {
        item.setAttribute("aria-selected", position === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function open(all) {
      var q = query();
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!q && !all) return close();
      matches = options.filter(function (o) {
        return !(isSelect && o.option.selected) && (!q || o.key.indexOf(q) !== -1);
      });
      // Values, then names, that start with what was typed come first.
      function rank(o) { return fold(o.value).indexOf(q) === 0 ? 0 : o.key.indexOf(q) === 0 ? 1 : 2; }
      matches.sort(function (a, b) { return rank(a) - rank(b); });
      matches = matches.slice(0, LIMIT);
      matches.forEach(function (o, position) {
        var item = element("li", "", o.name);
        item.dir = "auto";
        item.id = list.id + "-" + position;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { pick(o); });
        list.appendChild(item);
      });
      if (!matches.length) {
        var empty = element("li", "picker-empty", words.pickerEmpty);
        empty.setAttribute("aria-disabled", "true");
        list.appendChild(empty);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function pick(o) {
      if (isSelect) {
        if (!field.multiple) options.forEach(function (other) { other.option.selected = false; });
        o.option.selected = true;
        input.value = "";
        showChips();
      } else {
        input.value = input.value.slice(0, input.value.length - lastWord().length) + o.value;
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      input.focus();
    }

    function unpick(o) {
      o.option.selected = false;
      showChips();
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () { open(false); });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) open(true);
        setActive(active === -1 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && expanded && matches.length) {
        event.preventDefault();
        pick(matches[active === -1 ? 0 : active]);
      } else if (event.key === "Escape" && expanded) {
        event.preventDefault();
        close();
      } else if (event.key === "Backspace" && isSelect && !input.value) {
        var chosen = options.filter(function (o) { return o.option.selected; });
        if (chosen.length) unpick(chosen[chosen.length - 1]);
      }
    });
    showChips();
  }

  document.querySelectorAll("select[data-picker], input[list][data-picker]").forEach(enhance);
})();
