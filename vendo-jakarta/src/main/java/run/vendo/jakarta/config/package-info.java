/**
 * The deployment's Vendo settings, read from MicroProfile Config: {@link
 * run.vendo.jakarta.config.VendoSettings} documents every key and its default.
 */
package run.vendo.jakarta.config;
