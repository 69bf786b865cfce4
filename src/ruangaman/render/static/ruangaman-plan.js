/* Ruang Aman safety plan: loaded only by the safety plan's page (render.assets.page_scripts);
 * the page works without it (a form to print and fill in on paper). */
(function () {
  "use strict";

  /* The safety plan (issue 12 b) keeps nothing: no storage, no form, no request carries what is
   * typed. Without this script its fields are read-only (a form to print and fill in on paper),
   * so nothing typed can be shown again by Back. With it they can be filled in, and they are
   * emptied the moment Quick exit is pressed (any way), whenever the page is left (`pagehide`:
   * a page kept by the back-forward cache is kept empty) and when Back shows it again. */
  function setUpSafetyPlan() {
    var plan = document.querySelector("[data-ra-plan]");
    if (!plan) return;
    var fields = plan.querySelectorAll("input, textarea");
    function empty() {
      for (var i = 0; i < fields.length; i++) {
        if (fields[i].type === "checkbox") fields[i].checked = false;
        else fields[i].value = "";
      }
    }
    empty();
    for (var i = 0; i < fields.length; i++) {
      fields[i].readOnly = false;
      fields[i].disabled = false;
    }
    var noScript = plan.querySelector("[data-ra-plan-no-script]");
    if (noScript) noScript.hidden = true;
    var root = document.documentElement;
    document.addEventListener("click", function (event) {
      var link = event.target && event.target.closest && event.target.closest("[data-ra-exit]");
      if (link) empty();
    }, true);
    new MutationObserver(function () {
      if (root.classList.contains("ra-exiting")) empty();
    }).observe(root, { attributes: true, attributeFilter: ["class"] });
    window.addEventListener("pagehide", empty);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) empty();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpSafetyPlan);
  } else {
    setUpSafetyPlan();
  }
})();
