// Progressive enhancement only: after a failed submission, move focus to the error summary so
// keyboard and screen-reader users start from the list of problems (GOV.UK pattern).
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }
})();
