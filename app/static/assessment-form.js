// Show only the benchmarks of the chosen stage; the others are disabled so they are not sent.
(function () {
  var stage = document.querySelector("#assessment-form select[name=stage]");
  function sync() {
    document.querySelectorAll("#assessment-form fieldset.benchmarks").forEach(function (set) {
      var on = set.dataset.stage === stage.value;
      set.hidden = !on;
      set.querySelectorAll("input").forEach(function (box) { box.disabled = !on; });
    });
    document.getElementById("benchmarks-none").hidden = Boolean(stage.value);
  }
  stage.addEventListener("change", sync);
  sync();
})();
