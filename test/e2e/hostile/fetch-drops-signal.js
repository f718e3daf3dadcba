// A host page whose fetch wrapper (a logging or retry library) drops the `signal` option, so a
// request can no longer be aborted.
(function () {
  var native = window.fetch;
  window.fetch = function (input, init) {
    var copy = {};
    for (var key in init) if (key !== 'signal') copy[key] = init[key];
    return native.call(window, input, copy);
  };
})();
