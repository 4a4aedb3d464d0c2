// Live progress of report runs: polls the runs JSON while a run is queued or running.
(function () {
  "use strict";
  var table = document.getElementById("runs");
  if (!table) { return; }
  var source = table.getAttribute("data-source");

  function cell(row, name) { return row.querySelector("." + name); }

  function update(run) {
    var row = table.querySelector('tr[data-run="' + run.id + '"]');
    if (!row) { return false; }
    cell(row, "status").querySelector(".badge").textContent = run.status;
    var bar = cell(row, "progress").querySelector("progress");
    bar.max = run.total || 1;
    bar.value = run.done;
    cell(row, "progress").querySelector("span").textContent = run.done + "/" + run.total;
    cell(row, "finished").textContent = run.finished_at || "";
    cell(row, "note").textContent = run.error || "";
    return true;
  }

  function poll() {
    fetch(source, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var active = false, unknown = false;
        data.runs.forEach(function (run) {
          if (!update(run)) { unknown = true; }
          if (run.status === "queued" || run.status === "running") { active = true; }
        });
        if (unknown) { window.location.reload(); return; }
        if (active) { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (table.querySelector('.badge') && /queued|running/.test(table.textContent)) { poll(); }
}());
