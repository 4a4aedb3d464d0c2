// A scenario's page while its run is queued or running: ask for the scenario's state every
// two seconds and reload the page once the run has ended, so the results appear.
(function () {
  "use strict";
  var status = document.getElementById("run-status");
  if (!status) { return; }
  var source = status.getAttribute("data-source");

  function poll() {
    fetch(source, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (item) {
        var run = item.run || {};
        if (run.status === "queued" || run.status === "running") {
          var bar = status.querySelector("progress");
          bar.max = run.total || 3;
          bar.value = run.done;
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1500);
}());
