// A host page whose arrays serialise themselves to a string (as Prototype 1.6 made them do):
// JSON.stringify({ list: [1] }) gives {"list":"[1]"}.
Array.prototype.toJSON = function () {
  return '[' + this.join(', ') + ']';
};
