/**
 * What the client records of its work for OpenTelemetry: a span per operation, a span per HTTP
 * attempt, and the metrics that go with them. {@code Telemetry.OFF} records nothing; only {@code
 * OpenTelemetryRecorder} uses the OpenTelemetry API, so a client built without an {@code
 * OpenTelemetry} loads no class of it. May depend on {@code text}.
 */
package run.vendo.internal.telemetry;
