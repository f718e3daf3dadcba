// A REPRODUCTION, written for these tests, of the changes Prototype 1.6 makes to JavaScript's
// built-in objects. It is not Prototype's code (1.6 is not on npm, and nothing is copied from
// elsewhere); it behaves as 1.6 does where a widget can notice:
//   - Array.from = $A: copies array-likes and ignores the map function;
//   - Array.prototype gets enumerable methods (Enumerable: each, map, filter, find, every, some,
//     include, entries = toArray, …) that call the iterator with (value, index) only;
//   - Array.prototype.toJSON returns a JSON *string*, so JSON.stringify turns arrays into strings;
//   - String.prototype.toJSON and Date.prototype.toJSON return quoted strings;
//   - Object.keys lists every enumerable key, inherited ones included (a for…in loop);
//   - Function.prototype.bind is replaced by one built on apply (no `new`, no length or name);
//   - String.prototype.startsWith/endsWith without a position argument.
// The DOM extensions of Prototype are not reproduced: the real Prototype 1.7.3 page covers them.
// Written in the style of its time on purpose.
/* eslint-disable no-control-regex, @typescript-eslint/no-this-alias */
(function () {
  'use strict';

  function $A(iterable) {
    if (!iterable) return [];
    if (iterable.toArray) return iterable.toArray();
    var length = iterable.length || 0;
    var results = new Array(length);
    while (length--) results[length] = iterable[length];
    return results;
  }
  Array.from = $A;

  function quote(text) {
    var escaped = String(text).replace(/[\u0000-\u001f\\"]/g, function (c) {
      var special = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\\': '\\\\', '"': '\\"' };
      return special[c] || '\\u00' + (c.charCodeAt(0) < 16 ? '0' : '') + c.charCodeAt(0).toString(16);
    });
    return '"' + escaped + '"';
  }

  function objectToJSON(value) {
    switch (typeof value) {
      case 'undefined':
      case 'function':
      case 'unknown':
        return undefined;
      case 'boolean':
        return value.toString();
    }
    if (value === null) return 'null';
    if (value.toJSON) return value.toJSON();
    if (value.nodeType === 1) return undefined;
    var results = [];
    for (var property in value) {
      var json = objectToJSON(value[property]);
      if (json !== undefined) results.push(quote(property) + ': ' + json);
    }
    return '{' + results.join(', ') + '}';
  }

  var breaker = {};
  var Enumerable = {
    each: function (iterator, context) {
      var index = 0;
      try {
        this._each(function (value) {
          iterator.call(context, value, index++);
        });
      } catch (e) {
        if (e !== breaker) throw e;
      }
      return this;
    },
    all: function (iterator, context) {
      iterator =
        iterator ||
        function (x) {
          return x;
        };
      var result = true;
      this.each(function (value, index) {
        result = result && !!iterator.call(context, value, index);
        if (!result) throw breaker;
      });
      return result;
    },
    any: function (iterator, context) {
      iterator =
        iterator ||
        function (x) {
          return x;
        };
      var result = false;
      this.each(function (value, index) {
        if ((result = !!iterator.call(context, value, index))) throw breaker;
      });
      return result;
    },
    collect: function (iterator, context) {
      iterator =
        iterator ||
        function (x) {
          return x;
        };
      var results = [];
      this.each(function (value, index) {
        results.push(iterator.call(context, value, index));
      });
      return results;
    },
    detect: function (iterator, context) {
      var result;
      this.each(function (value, index) {
        if (iterator.call(context, value, index)) {
          result = value;
          throw breaker;
        }
      });
      return result;
    },
    findAll: function (iterator, context) {
      var results = [];
      this.each(function (value, index) {
        if (iterator.call(context, value, index)) results.push(value);
      });
      return results;
    },
    include: function (object) {
      var found = false;
      this.each(function (value) {
        if (value == object) {
          found = true;
          throw breaker;
        }
      });
      return found;
    },
    toArray: function () {
      return this.map();
    },
    inspect: function () {
      return '#<Enumerable:' + this.toArray().inspect() + '>';
    },
  };
  Enumerable.map = Enumerable.collect;
  Enumerable.find = Enumerable.detect;
  Enumerable.select = Enumerable.filter = Enumerable.findAll;
  Enumerable.every = Enumerable.all;
  Enumerable.some = Enumerable.any;
  Enumerable.member = Enumerable.include;
  Enumerable.entries = Enumerable.toArray;

  // Enumerable methods and Prototype's own, assigned (so enumerable), over the native ones.
  Array.prototype._each = Array.prototype.forEach;
  for (var name in Enumerable) Array.prototype[name] = Enumerable[name];
  var arrayMethods = {
    clear: function () {
      this.length = 0;
      return this;
    },
    first: function () {
      return this[0];
    },
    last: function () {
      return this[this.length - 1];
    },
    compact: function () {
      return this.select(function (value) {
        return value != null;
      });
    },
    without: function () {
      var values = $A(arguments);
      return this.select(function (value) {
        return !values.include(value);
      });
    },
    clone: function () {
      return [].concat(this);
    },
    size: function () {
      return this.length;
    },
    inspect: function () {
      return '[' + this.map(String).join(', ') + ']';
    },
    toJSON: function () {
      var results = [];
      this.each(function (object) {
        var value = objectToJSON(object);
        if (value !== undefined) results.push(value);
      });
      return '[' + results.join(', ') + ']';
    },
  };
  for (var method in arrayMethods) Array.prototype[method] = arrayMethods[method];

  Object.keys = function (object) {
    var keys = [];
    for (var property in object) keys.push(property);
    return keys;
  };

  String.prototype.toJSON = function () {
    return quote(this);
  };
  String.prototype.startsWith = function (pattern) {
    return this.indexOf(pattern) === 0;
  };
  String.prototype.endsWith = function (pattern) {
    var d = this.length - pattern.length;
    return d >= 0 && this.lastIndexOf(pattern) === d;
  };
  String.prototype.strip = function () {
    return this.replace(/^\s+/, '').replace(/\s+$/, '');
  };

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  Date.prototype.toJSON = function () {
    return (
      '"' +
      this.getUTCFullYear() +
      '-' +
      pad(this.getUTCMonth() + 1) +
      '-' +
      pad(this.getUTCDate()) +
      'T' +
      pad(this.getUTCHours()) +
      ':' +
      pad(this.getUTCMinutes()) +
      ':' +
      pad(this.getUTCSeconds()) +
      'Z"'
    );
  };

  Function.prototype.bind = function () {
    if (arguments.length < 2 && arguments[0] === undefined) return this;
    var method = this;
    var args = $A(arguments);
    var object = args.shift();
    return function () {
      return method.apply(object, args.concat($A(arguments)));
    };
  };
  Function.prototype.curry = function () {
    if (!arguments.length) return this;
    var method = this;
    var args = $A(arguments);
    return function () {
      return method.apply(this, args.concat($A(arguments)));
    };
  };
  Function.prototype.defer = function () {
    var method = this;
    var args = $A(arguments);
    return setTimeout(function () {
      return method.apply(method, args);
    }, 10);
  };

  window.Prototype = { Version: '1.6 (reproduction of its built-in changes)' };
})();
