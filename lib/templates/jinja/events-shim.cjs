/*
 * nunjucks' parser loads nunjucks/src/object.js, which subclasses Node's EventEmitter for its
 * Environment (never used here) with `require('events')`. Browser builds have no `events` module,
 * so wxt.config.ts aliases `events` to this stand-in: object.js only needs a constructor at load time.
 * CommonJS on purpose: `require` must return the class itself, not a module namespace.
 */
module.exports = function EventEmitter() {};
