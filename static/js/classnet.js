// ClassNet's own behaviour, in a static file so that the Content-Security-Policy can forbid
// inline scripts and event handlers: templates only carry data attributes.
(function () {
  "use strict";

  // data-cn-confirm="Question?" on a form (or a button): ask before sending it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.dataset.cnConfirm) || form.dataset.cnConfirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // data-cn-check-all on a checkbox: it ticks or clears the boxes named by its value
  // (a CSS selector), e.g. the applications chosen for a bulk action.
  document.querySelectorAll("[data-cn-check-all]").forEach(function (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll(all.dataset.cnCheckAll).forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
})();
