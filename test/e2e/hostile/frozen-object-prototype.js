// A hardened host page: Object.prototype is frozen before anything else runs, so assigning a
// property that Object.prototype holds (toString, constructor, valueOf…) to a plain object throws
// in strict code.
Object.freeze(Object.prototype);
