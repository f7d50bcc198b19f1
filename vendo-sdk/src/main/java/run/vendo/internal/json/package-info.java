/**
 * Reading and writing JSON with JSON-P: the parser, the tolerant reads of wire fields, plain Java
 * values, and links checked before they are handed out. May depend on {@code text} only.
 */
package run.vendo.internal.json;
