/* A <select data-autosubmit> submits its form as soon as a value is chosen. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.dataset && "autosubmit" in field.dataset && field.form) { field.form.submit(); }
  });
})();
