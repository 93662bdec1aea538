// arbeidsplan: filter and search in the static site. No libraries, no network.
// A form with data-filter-for="ID" filters the elements with data-search inside the element #ID:
//   the text field "q" keeps those whose data-search holds every word typed;
//   a select or checked checkbox named NAME keeps those whose data-NAME has the chosen value as a word.
// Elements marked data-filter-group are hidden while a filter is set and nothing inside them is shown.
// The forms show only once this script runs (class "js" on <html>, site.css): without scripts a reader sees
// every list whole and no controls that do nothing.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function fold(text) {
    return (text || "").toLocaleLowerCase("nb").normalize("NFC");
  }

  function words(text) {
    return fold(text).split(/\s+/).filter(Boolean);
  }

  function setUp(form) {
    var target = document.getElementById(form.getAttribute("data-filter-for"));
    if (!target) {
      return;
    }
    var items = Array.prototype.slice.call(target.querySelectorAll("[data-search]"));
    var groups = Array.prototype.slice.call(target.querySelectorAll("[data-filter-group]"));
    var counter = form.querySelector("[data-count]");
    var texts = items.map(function (item) { return fold(item.getAttribute("data-search")); });

    function apply() {
      var query = [];
      var wanted = [];
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name) {
          return;
        }
        if (field.name === "q") {
          query = words(field.value);
        } else if (field.type === "checkbox") {
          if (field.checked) {
            wanted.push([field.name, field.value]);
          }
        } else if (field.value) {
          wanted.push([field.name, field.value]);
        }
      });
      var shown = 0;
      items.forEach(function (item, i) {
        var ok = query.every(function (w) { return texts[i].indexOf(w) !== -1; }) &&
          wanted.every(function (pair) {
            return words(item.getAttribute("data-" + pair[0])).indexOf(fold(pair[1])) !== -1;
          });
        item.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      var filtering = query.length > 0 || wanted.length > 0;
      groups.forEach(function (group) {
        group.hidden = filtering && !group.querySelector("[data-search]:not([hidden])");
      });
      if (counter) {
        counter.textContent = String(shown);
      }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    // A browser fills the fields in again on Back (and shows a page from its back-forward cache) without
    // running this script again: filter by what the fields say each time the page is shown.
    window.addEventListener("pageshow", apply);
    apply();
  }

  document.querySelectorAll("form[data-filter-for]").forEach(setUp);
}());
