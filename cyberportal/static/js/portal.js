/* Cyberportal's one script, loaded from the portal itself (CSP script-src 'self'). Everything works
   without it; it only makes phones easier: the main navigation folds behind a "Menu" button, and each
   data table sits in a focusable, labelled box that scrolls sideways when the table is wider than the
   screen (so keyboard users can scroll it too: WCAG 2.1.1, axe's scrollable-region-focusable). */

(function () {
  "use strict";

  function foldNavigation() {
    var nav = document.querySelector(".main-nav");
    var button = nav && nav.querySelector(".nav-toggle");
    if (!button) return;
    nav.classList.add("is-foldable");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    });
  }

  function wrapTables() {
    var tables = document.querySelectorAll(".data-table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var overflow = getComputedStyle(table.parentNode).overflowX;
      if (overflow === "auto" || overflow === "scroll") continue; // already in a scrolling box (the matrix's)
      var wrapper = document.createElement("div");
      wrapper.className = "table-scroll";
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    }
    labelScrollingTables();
  }

  // Each wrapper is a labelled tab stop, named after its table's caption, so that a keyboard user can
  // scroll it whenever it is narrower than its table (on a phone, after a rotation): deciding that at
  // each resize would leave a moment when a scrolling box cannot be reached.
  function labelScrollingTables() {
    var wrappers = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < wrappers.length; i++) {
      var wrapper = wrappers[i];
      var caption = wrapper.querySelector("caption");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldNavigation();
    wrapTables();
  });
})();
