/**
 * A local Vendo emulator for tests and demos: {@link run.vendo.testing.VendoEmulator} serves the
 * credentials worker, the bulk and connections endpoints, the integrations, billing and data proxy
 * endpoints, the event stream ({@link run.vendo.testing.EmulatedEvents}) and a JWKS on {@code
 * 127.0.0.1}, mints user JWTs ({@link run.vendo.testing.UserJwtBuilder}), injects faults ({@link
 * run.vendo.testing.Fault}, {@link run.vendo.testing.FaultRule}) and records requests ({@link
 * run.vendo.testing.RecordedRequest}); {@link run.vendo.testing.WebhookSigner} signs webhook
 * deliveries as Vendo does. {@link run.vendo.testing.VendoEmulatorExtension} runs an emulator
 * per JUnit 5 test class; {@link run.vendo.testing.VendoEmulatorMain} runs one from the command line.
 */
package run.vendo.testing;
