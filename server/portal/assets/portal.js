// Acorn parent portal: optional niceties only; every page works without this file.
// Upload progress for "Add something from home": the form is sent with XMLHttpRequest so that a progress bar can
// show how far it got; the server's answer page replaces this one exactly as a normal submit would.
(function () {
  'use strict';
  var form = document.querySelector('form[data-upload="progress"]');
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var bar = form.querySelector('progress');
  var status = form.querySelector('[data-upload-status]');
  var limit = 60 * 1000 * 1000;
  form.addEventListener('submit', function (event) {
    var files = form.querySelector('input[type="file"]').files;
    var total = 0;
    for (var i = 0; i < files.length; i += 1) {
      total += files[i].size;
    }
    if (total > limit) {
      event.preventDefault();
      status.textContent = 'These files are too large together (at most 60 MB). Please choose fewer or shorter ones.';
      return;
    }
    if (total === 0) {
      return; // nothing to show progress for: a plain submit
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.hidden = false;
        bar.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = 'Sending: ' + bar.value + '%';
      }
    });
    request.addEventListener('load', function () {
      if (request.status >= 400) {
        // The server's own words, from its answer page (read as text, never inserted as markup).
        var answer = new DOMParser().parseFromString(request.responseText, 'text/html');
        var error = answer.querySelector('.error');
        status.textContent = error ? error.textContent : 'The nursery\'s server did not take it. Please try again.';
        bar.hidden = true;
        return;
      }
      window.location.assign(request.responseURL || '/portal/mine');
    });
    request.addEventListener('error', function () {
      status.textContent = 'The connection dropped. Nothing was sent; please try again.';
      bar.hidden = true;
    });
    request.send(new FormData(form));
  });
}());
