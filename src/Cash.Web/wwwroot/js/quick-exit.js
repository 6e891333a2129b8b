// Quick exit, after GOV.UK "Exit this page": leave for a neutral site and replace the current
// history entry, so the back button does not bring this site back. Also on Shift pressed 3 times.
// Without JavaScript the button is a plain link that still leaves.
(function () {
  'use strict';

  var links = document.querySelectorAll('[data-quick-exit]');
  if (links.length === 0) {
    return;
  }

  var target = links[0].getAttribute('href');
  var shiftPresses = 0;
  var resetTimer = null;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add('is-exiting');
    document.title = '…';
    window.location.replace(target);
  }

  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener('click', leave);
  }

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift') {
      shiftPresses = 0;
      return;
    }
    if (event.repeat) {
      return;
    }
    shiftPresses += 1;
    window.clearTimeout(resetTimer);
    resetTimer = window.setTimeout(function () { shiftPresses = 0; }, 5000);
    if (shiftPresses >= 3) {
      shiftPresses = 0;
      leave();
    }
  });
}());
