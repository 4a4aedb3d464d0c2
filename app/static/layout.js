// Every page's layout helpers (no inline scripts: the CSP forbids them).
// The header's disclosure menus (<details name="header-menu">) work without this script;
// it adds what a menu is expected to do: Escape closes the open one (focus back on its
// summary), and a click or focus elsewhere on the page closes it.
// A wide table's box (.table-scroll) that scrolls takes keyboard focus, so that it can be
// scrolled with the arrow keys, and is named after its heading.
(function () {
  "use strict";
  function heading(box) {
    for (var el = box.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) { return el.textContent.trim(); }
    }
    var section = box.closest("section");
    var title = section && section.querySelector("h1, h2, h3");
    return title ? title.textContent.trim() : "";
  }
  function scrollable() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.dataset.scrolls = "true";
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          var name = heading(box);
          if (name) { box.setAttribute("aria-label", name); }
        }
      } else if (box.dataset.scrolls === "true") {
        delete box.dataset.scrolls;
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  scrollable();
  window.addEventListener("resize", scrollable);
  function openMenus() {
    return Array.from(document.querySelectorAll("header details.menu[open]"));
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openMenus().forEach(function (menu) {
      menu.open = false;
      if (menu.contains(document.activeElement)) menu.querySelector("summary").focus();
    });
  });
  function closeOthers(event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  }
  document.addEventListener("click", closeOthers);
  document.addEventListener("focusin", closeOthers);  // tabbing out of a menu closes it
})();
