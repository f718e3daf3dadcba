// A host page that adds enumerable properties to Object.prototype (old plugins did, e.g. `extend`):
// every for…in loop over any object in the page now meets them.
Object.prototype.extend = function (source) {
  for (var key in source) this[key] = source[key];
  return this;
};
Object.prototype.each = function () {};
Object.prototype.hostile = 'inherited from Object.prototype';
