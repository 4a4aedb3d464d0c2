// The header's disclosure menus (<details name="header-menu">) work without this script;
// it adds what a menu is expected to do: Escape closes the open one (focus back on its
// summary), and a click or focus elsewhere on the page closes it.
(function () {
  "use strict";
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
