// Applies the remembered colour theme before the first paint; without a choice the page follows the system.
(function () {
  'use strict';
  var stored = null;
  try {
    stored = window.localStorage.getItem('loadharness-theme');
  } catch (e) {
    stored = null;
  }
  if (stored === 'dark' || stored === 'light') {
    document.documentElement.setAttribute('data-theme', stored);
  }
}());
