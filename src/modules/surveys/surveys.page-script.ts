/**
 * The answer page's one small script (issue 24 §4: "a dropped connection loses nothing"; H1), served
 * as `/s-assets/survey.js` (CSP `script-src 'self'`; no inline script). The page works without it: it
 * only adds what a plain form cannot do on a phone whose connection drops —
 *  - every change is kept in the tab's sessionStorage and put back if the page is opened again;
 *  - Save and Submit are sent with fetch: when that fails, the form and its answers stay on screen,
 *    the page says it could not send (the hidden `#offline` alert the server rendered in the page's
 *    language), and the same button is sent again by itself once the phone is back online;
 *  - the server's answer page (saved, issues, thank you, not valid) replaces the body as it would
 *    after a normal post; once no form is left, the kept answers are dropped.
 * Plain ES2017, no build step; 2.8 KB, 1.1 KB gzipped.
 */
export const PAGE_SCRIPT = `(function () {
  'use strict';
  var key = 'sila-survey:' + location.pathname;
  var pending = null;
  function fields(form) {
    var out = [];
    var data = new FormData(form);
    data.forEach(function (value, name) { if (name !== 'action') out.push([name, String(value)]); });
    return out;
  }
  function keep(form) {
    try { sessionStorage.setItem(key, JSON.stringify(fields(form))); } catch (e) {}
  }
  function restore(form) {
    var kept;
    try { kept = JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (e) { kept = null; }
    if (!kept) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === 'action') return;
      var values = kept.filter(function (f) { return f[0] === el.name; }).map(function (f) { return f[1]; });
      if (el.type === 'radio' || el.type === 'checkbox') el.checked = values.indexOf(el.value) !== -1;
      else if (values.length) el.value = values[0];
    });
  }
  function send(form, action) {
    var body = new URLSearchParams();
    fields(form).forEach(function (f) { body.append(f[0], f[1]); });
    body.append('action', action);
    var alert = document.getElementById('offline');
    // Not form.action: the buttons named "action" shadow it.
    return fetch(form.getAttribute('action'), { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok || (response.headers.get('content-type') || '').indexOf('text/html') !== 0) throw new Error('status');
        return response.text();
      })
      .then(function (text) {
        pending = null;
        var doc = new DOMParser().parseFromString(text, 'text/html');
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
        start();
        var heading = document.querySelector('[role=status], [role=alert], h1');
        if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
      })
      .catch(function () {
        pending = action;
        if (alert) { alert.hidden = false; alert.focus(); }
      });
  }
  function start() {
    var form = document.querySelector('form[data-survey]');
    if (!form) { try { sessionStorage.removeItem(key); } catch (e) {} return; }
    restore(form);
    form.addEventListener('change', function () { keep(form); });
    form.addEventListener('input', function () { keep(form); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      keep(form);
      send(form, submitter && submitter.value ? submitter.value : 'save');
    });
  }
  window.addEventListener('online', function () {
    var form = document.querySelector('form[data-survey]');
    if (pending && form) send(form, pending);
  });
  start();
})();
`;
