// A host page whose JSON.stringify changes what it writes: it stamps every object with a tracking
// field and lets any value with a `serialize` method (or a toJSON-like `asJSON`) speak for itself.
(function () {
  var native = JSON.stringify;
  function stamp(value) {
    if (value && typeof value.asJSON === 'function') return value.asJSON();
    if (Array.isArray(value)) return value.map(stamp);
    if (value && typeof value === 'object') {
      var copy = { pageTracking: 'added by the host page' };
      for (var key in value) copy[key] = stamp(value[key]);
      return copy;
    }
    return value;
  }
  JSON.stringify = function (value, replacer, space) {
    return native.call(JSON, stamp(value), replacer, space);
  };
  String.prototype.asJSON = function () {
    return this.toUpperCase();
  };
})();
