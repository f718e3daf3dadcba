// A host page whose JSON.stringify throws for any value that is or holds an array.
(function () {
  var native = JSON.stringify;
  function holdsArray(value) {
    if (Array.isArray(value)) return true;
    if (!value || typeof value !== 'object') return false;
    for (var key in value) if (holdsArray(value[key])) return true;
    return false;
  }
  JSON.stringify = function (value, replacer, space) {
    if (holdsArray(value)) throw new TypeError('this page does not serialise arrays');
    return native.call(JSON, value, replacer, space);
  };
})();
