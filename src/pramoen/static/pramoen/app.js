// Page behaviour that used to sit in inline handlers (onchange=, onsubmit=), which the
// Content-Security-Policy no longer runs: a <select data-submit-on-change> submits its form, and a
// form with data-confirm asks before it is sent. Without JavaScript the forms still post.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-submit-on-change")) {
      field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    // A button may ask for itself (e.g. "submit" beside "save draft" in one form).
    var button = event.submitter;
    var question = (button && button.dataset && button.dataset.confirm) || (form instanceof HTMLFormElement && form.dataset.confirm);
    if (form instanceof HTMLFormElement && question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
