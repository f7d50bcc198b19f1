/**
 * The bottom layer: the words of the codes only this integration raises ({@link
 * run.vendo.jakarta.internal.text.JakartaErrorText}) and the errors it raises for the codes the core
 * raises too. Uses no other internal package. Not an API.
 */
package run.vendo.jakarta.internal.text;
