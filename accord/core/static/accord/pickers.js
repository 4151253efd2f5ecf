/*
 * Type-ahead pickers (accord/core/pickers.py): every <select data-picker="URL"> becomes a
 * Tom Select box that asks URL?q=… as the user types. The server matches names and aliases
 * (case, accents) and sorts; the box keeps its order and filters nothing itself.
 * Forms that htmx swaps in are enhanced too (htmx:load).
 */
(function () {
  'use strict';

  function text(key, fallback) {
    var html = document.documentElement;
    return (html.dataset && html.dataset[key]) || fallback;
  }

  function enhance(select) {
    if (select.tomselect || typeof TomSelect === 'undefined') {
      return;
    }
    var url = select.dataset.picker;
    var multiple = select.multiple;
    var settings = {
      valueField: 'value',
      labelField: 'text',
      searchField: [],
      maxOptions: null,
      preload: 'focus',
      loadThrottle: 250,
      closeAfterSelect: !multiple,
      clearAfterSelect: true,  // the next name is typed afresh
      hidePlaceholder: multiple,
      plugins: multiple ? ['remove_button'] : [],
      // The server decides what matches and in which order.
      score: function () { return function () { return 1; }; },
      sortField: [{ field: '$order' }, { field: '$score' }],
      shouldLoad: function () { return true; },
      load: function (query, callback) {
        var self = this;
        var address = url + (url.indexOf('?') === -1 ? '?' : '&') + 'q=' + encodeURIComponent(query);
        fetch(address, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            // Options of an earlier query go: only what the server offers now is shown.
            self.clearOptions();
            callback(data.results || []);
          })
          .catch(function () { callback(); });
      },
      render: {
        no_results: function () {
          return '<div class="no-results">' + escape(text('pickerNone', 'Nothing found')) + '</div>';
        },
        loading: function () {
          return '<div class="spinner-border spinner-border-sm m-2" role="status"></div>';
        }
      }
    };
    if (!select.required && !multiple) {
      // The empty choice is no option to type for: a cross clears the box instead.
      settings.plugins = ['clear_button'];
    }
    // Tom Select points the field's label at its own text box; the hidden <select> keeps the
    // label's words as its accessible name (axe: select-name).
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    var name = select.getAttribute('aria-label') || (label ? label.textContent.trim() : '');
    new TomSelect(select, settings);
    if (name) {
      select.setAttribute('aria-label', name);
    }
  }

  function escape(value) {
    var div = document.createElement('div');
    div.textContent = value;
    return div.innerHTML;
  }

  function enhanceAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var selects = scope.querySelectorAll('select[data-picker]');
    for (var i = 0; i < selects.length; i += 1) {
      enhance(selects[i]);
    }
    if (scope.matches && scope.matches('select[data-picker]')) {
      enhance(scope);
    }
  }

  document.addEventListener('DOMContentLoaded', function () { enhanceAll(document); });
  document.addEventListener('htmx:load', function (event) { enhanceAll(event.target); });
}());
