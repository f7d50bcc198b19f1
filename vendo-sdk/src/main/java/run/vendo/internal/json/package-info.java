/**
 * Reading and writing JSON with JSON-P: the parser, the tolerant reads of wire fields and times,
 * plain Java values, and links checked before they are handed out. May depend on {@code text}
 * only; the API's wire types read their fields with it.
 */
package run.vendo.internal.json;
