// A host page that adds enumerable methods to Array.prototype: a for…in loop over an array meets them.
Array.prototype.each = function (fn) {
  for (var i = 0; i < this.length; i++) fn(this[i], i);
};
Array.prototype.remove = function (item) {
  var i = this.indexOf(item);
  if (i >= 0) this.splice(i, 1);
  return this;
};
Array.prototype.hostile = 'inherited from Array.prototype';
