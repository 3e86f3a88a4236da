// Acorn parent portal: optional niceties only; every page works without this file.
//
// "Add something from home": each chosen file is sent first on its own, in checked chunks of 1 MiB, with a progress
// bar; a chunk that fails (a weak connection, a dropped Wi-Fi) is sent again after a pause, and the upload resumes
// where the server says it got to. Only then is the form sent, naming the uploads instead of carrying the files.
// Without this script (or without Web Crypto) the form simply sends the files itself.
(function () {
  'use strict';
  var form = document.querySelector('form[data-upload="progress"]');
  if (!form || !window.fetch || !window.FormData || !(window.crypto && window.crypto.subtle)) {
    return;
  }
  var bar = form.querySelector('progress');
  var status = form.querySelector('[data-upload-status]');
  var input = form.querySelector('input[type="file"]');
  var csrf = form.querySelector('input[name="csrf"]').value;
  var limit = 60 * 1000 * 1000;
  var attempts = 8;

  function say(text) {
    status.textContent = text;
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }

  function sha256(blob) {
    return blob.arrayBuffer().then(function (bytes) {
      return crypto.subtle.digest('SHA-256', bytes);
    }).then(hex);
  }

  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // A request that is tried again (with growing pauses) when the connection or the server fails; a refusal (4xx)
  // is final and carries the server's words.
  function send(url, options, tries) {
    tries = tries || 0;
    return fetch(url, options).then(function (response) {
      if (response.ok) {
        return response;
      }
      if (response.status >= 500 && tries < attempts) {
        return pause(500 * Math.pow(2, tries)).then(function () { return send(url, options, tries + 1); });
      }
      return response.json().catch(function () { return {}; }).then(function (body) {
        var message = body && body.error && body.error.message;
        throw new Error(message || 'The nursery\'s server did not take it. Please try again.');
      });
    }, function () {
      if (tries >= attempts) {
        throw new Error('The connection keeps dropping. Nothing was lost: try again when you have a better signal.');
      }
      say('The connection dropped; trying again…');
      return pause(500 * Math.pow(2, tries)).then(function () { return send(url, options, tries + 1); });
    });
  }

  function uploadFile(file, done, total) {
    var headers = { 'X-CSRF-Token': csrf };
    return sha256(file).then(function (digest) {
      var url = '/portal/uploads?size=' + file.size + '&sha256=' + digest;
      return send(url, { method: 'POST', headers: headers, credentials: 'same-origin' });
    }).then(function (response) {
      return response.json();
    }).then(function (upload) {
      var size = upload.chunk_size;
      var count = Math.max(1, Math.ceil(file.size / size));
      var have = {};
      upload.received.forEach(function (i) { have[i] = true; });
      var index = 0;
      function next() {
        while (index < count && have[index]) {
          index += 1;
        }
        if (index >= count) {
          return send('/portal/uploads/' + upload.upload_id + '/complete',
            { method: 'POST', headers: headers, credentials: 'same-origin' }).then(function () {
            return upload.upload_id;
          });
        }
        var chunk = file.slice(index * size, Math.min(file.size, (index + 1) * size));
        return sha256(chunk).then(function (digest) {
          return send('/portal/uploads/' + upload.upload_id + '/chunks/' + index, {
            method: 'PUT',
            headers: { 'X-CSRF-Token': csrf, 'X-Chunk-Sha256': digest, 'Content-Type': 'application/octet-stream' },
            credentials: 'same-origin',
            body: chunk
          });
        }).then(function () {
          done.bytes += chunk.size;
          bar.hidden = false;
          bar.value = Math.round((done.bytes / total) * 100);
          say('Sending: ' + bar.value + '%');
          index += 1;
          return next();
        });
      }
      return next();
    });
  }

  form.addEventListener('submit', function (event) {
    var files = Array.prototype.slice.call(input.files);
    var total = files.reduce(function (sum, f) { return sum + f.size; }, 0);
    if (total > limit) {
      event.preventDefault();
      say('These files are too large together (at most 60 MB). Please choose fewer or shorter ones.');
      return;
    }
    if (files.length === 0) {
      return; // nothing to send first: a plain submit
    }
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    var done = { bytes: 0 };
    var ids = [];
    files.reduce(function (chain, file) {
      return chain.then(function () {
        return uploadFile(file, done, total).then(function (id) { ids.push(id); });
      });
    }, Promise.resolve()).then(function () {
      var data = new FormData(form);
      data.delete('file');
      ids.forEach(function (id) { data.append('upload', id); });
      return fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin' });
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          // The server's own words, from its answer page (read as text, never inserted as markup).
          var answer = new DOMParser().parseFromString(text, 'text/html');
          var error = answer.querySelector('.error');
          throw new Error(error ? error.textContent : 'The nursery\'s server did not take it. Please try again.');
        });
      }
      window.location.assign(response.url || '/portal/mine');
    }).catch(function (error) {
      say(error.message);
      bar.hidden = true;
      button.disabled = false;
    });
  });
}());
