// LoadHarness dashboard behaviour that HTML alone cannot express: tabs, sliders bound to their number
// inputs, the "taking longer" note, client-side error states, auto-refresh toggles, the colour theme and
// keyboard shortcuts. Everything else is htmx attributes rendered by the server.
(function () {
  'use strict';

  var THEME_KEY = 'loadharness-theme';
  var SLOW_GRACE_MS = 3000;

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  // ---- Tabs (WAI-ARIA tabs pattern) ----
  function tabs() {
    return Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  }

  function selectTab(tab, focus) {
    tabs().forEach(function (other) {
      var selected = other === tab;
      other.setAttribute('aria-selected', selected ? 'true' : 'false');
      other.setAttribute('tabindex', selected ? '0' : '-1');
      var panel = document.getElementById(other.getAttribute('aria-controls'));
      if (panel) { panel.hidden = !selected; }
    });
    if (focus) { tab.focus(); }
  }

  function selectedPanel() {
    var tab = document.querySelector('[role="tab"][aria-selected="true"]');
    return tab ? document.getElementById(tab.getAttribute('aria-controls')) : null;
  }

  function initTabs() {
    tabs().forEach(function (tab, index, all) {
      tab.addEventListener('click', function () { selectTab(tab, false); });
      tab.addEventListener('keydown', function (event) {
        var next = null;
        if (event.key === 'ArrowRight') { next = all[(index + 1) % all.length]; }
        if (event.key === 'ArrowLeft') { next = all[(index - 1 + all.length) % all.length]; }
        if (event.key === 'Home') { next = all[0]; }
        if (event.key === 'End') { next = all[all.length - 1]; }
        if (next) { event.preventDefault(); selectTab(next, true); }
      });
    });
  }

  // ---- Sliders bound to number inputs ----
  function initSliders(root) {
    root.querySelectorAll('input[type="range"][data-bind]').forEach(function (range) {
      var number = document.getElementById(range.getAttribute('data-bind'));
      if (!number || range.dataset.bound) { return; }
      range.dataset.bound = 'true';
      range.addEventListener('input', function () { number.value = range.value; });
      number.addEventListener('input', function () {
        var value = Number(number.value);
        if (number.value !== '' && isFinite(value) && value >= Number(range.min) && value <= Number(range.max)) {
          range.value = String(value);
        }
      });
    });
  }

  // ---- Loading, slow and error states ----
  var slowTimers = new WeakMap();

  function indicatorOf(elt) {
    var selector = elt.getAttribute && elt.getAttribute('hx-indicator');
    return selector ? document.querySelector(selector) : null;
  }

  function expectedMs(elt) {
    var field = elt.getAttribute && elt.getAttribute('data-expect-field');
    if (!field || elt.tagName !== 'FORM' || !elt.elements[field]) { return 0; }
    var value = Number(elt.elements[field].value);
    var scale = Number(elt.getAttribute('data-expect-scale')) || 0;
    return isFinite(value) ? value * scale : 0;
  }

  function startSlowTimer(elt) {
    var indicator = indicatorOf(elt);
    if (!indicator) { return; }
    indicator.classList.remove('slow');
    var timer = window.setTimeout(function () { indicator.classList.add('slow'); }, expectedMs(elt) + SLOW_GRACE_MS);
    slowTimers.set(elt, timer);
  }

  function stopSlowTimer(elt) {
    var timer = slowTimers.get(elt);
    if (timer) { window.clearTimeout(timer); slowTimers.delete(elt); }
    var indicator = indicatorOf(elt);
    if (indicator) { indicator.classList.remove('slow'); }
  }

  function showClientError(target, title, message) {
    var template = document.getElementById('client-error');
    if (!target || !template) { return; }
    var card = template.content.firstElementChild.cloneNode(true);
    card.querySelector('.title').textContent = title;
    card.querySelector('.message').textContent = message;
    target.replaceChildren(card);
  }

  function pollerPaused(elt) {
    var toggle = document.querySelector('input[data-poller="' + elt.id + '"]');
    return toggle !== null && !toggle.checked;
  }

  function initHtmxEvents() {
    document.body.addEventListener('htmx:beforeRequest', function (event) {
      var elt = event.detail.elt;
      var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
      // A paused panel skips its polls but still follows the events that say its content changed.
      if (elt.id && pollerPaused(elt) && !(trigger && trigger.type === 'jobs-changed')) {
        event.preventDefault();
        return;
      }
      startSlowTimer(elt);
    });
    document.body.addEventListener('htmx:afterRequest', function (event) { stopSlowTimer(event.detail.elt); });
    document.body.addEventListener('htmx:sendError', function (event) {
      stopSlowTimer(event.detail.elt);
      showClientError(event.detail.target, 'Network error',
        'The server could not be reached. Check the connection and try again; the rest of the page still works.');
    });
    document.body.addEventListener('htmx:timeout', function (event) {
      stopSlowTimer(event.detail.elt);
      showClientError(event.detail.target, 'Timed out',
        'No answer within ' + Math.round(htmx.config.timeout / 1000) + ' s. The test may still be running on the server.');
    });
    document.body.addEventListener('htmx:responseError', function (event) {
      stopSlowTimer(event.detail.elt);
      var status = event.detail.xhr ? event.detail.xhr.status : 0;
      showClientError(event.detail.target, 'Server error',
        'The server answered with HTTP ' + status + '. Try again; the rest of the page still works.');
    });
    document.body.addEventListener('htmx:afterSwap', function (event) { initSliders(event.detail.target); });
  }

  // ---- Auto-refresh toggles ----
  function initToggles() {
    document.querySelectorAll('input[data-poller]').forEach(function (toggle) {
      var key = 'loadharness-auto-' + toggle.getAttribute('data-poller');
      var stored = load(key);
      if (stored === 'off') { toggle.checked = false; }
      toggle.addEventListener('change', function () { store(key, toggle.checked ? 'on' : 'off'); });
    });
  }

  // ---- Colour theme ----
  function effectiveTheme() {
    var chosen = document.documentElement.getAttribute('data-theme');
    if (chosen === 'dark' || chosen === 'light') { return chosen; }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function showTheme() {
    var button = document.getElementById('theme-toggle');
    if (button) { button.setAttribute('aria-pressed', effectiveTheme() === 'dark' ? 'true' : 'false'); }
    document.dispatchEvent(new CustomEvent('loadharness:theme', { detail: { theme: effectiveTheme() } }));
  }

  function toggleTheme() {
    var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.setAttribute('data-theme', next);
    store(THEME_KEY, next);
    showTheme();
  }

  function initTheme() {
    var button = document.getElementById('theme-toggle');
    if (button) { button.addEventListener('click', toggleTheme); }
    if (window.matchMedia) {
      window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', showTheme);
    }
    showTheme();
  }

  // ---- Keyboard shortcuts ----
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function run(form) {
    if (form && typeof form.requestSubmit === 'function') { form.requestSubmit(); }
  }

  function primaryForm() {
    var panel = selectedPanel();
    return panel ? (panel.querySelector('form[data-primary="true"]') || panel.querySelector('form')) : null;
  }

  function initShortcuts() {
    document.addEventListener('keydown', function (event) {
      if (event.defaultPrevented) { return; }
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        var active = document.activeElement;
        var section = active && active.closest ? active.closest('.load-form') : null;
        var form = section ? section.querySelector('form') : null;
        event.preventDefault();
        run(form || primaryForm());
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
      var all = tabs();
      if (/^[1-9]$/.test(event.key) && all[Number(event.key) - 1]) {
        event.preventDefault();
        selectTab(all[Number(event.key) - 1], true);
      } else if (event.key === 'r') {
        event.preventDefault();
        run(primaryForm());
      } else if (event.key === 'd') {
        event.preventDefault();
        toggleTheme();
      }
    });
  }

  function init() {
    initTabs();
    initSliders(document);
    initHtmxEvents();
    initToggles();
    initTheme();
    initShortcuts();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
