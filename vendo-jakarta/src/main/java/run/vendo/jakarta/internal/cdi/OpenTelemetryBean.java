package run.vendo.jakarta.internal.cdi;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.telemetry.OpenTelemetryRecorder;
import run.vendo.internal.telemetry.Telemetry;

/** The only class of the integration that names the OpenTelemetry API; loaded once the API is known to be there. */
final class OpenTelemetryBean {

    private OpenTelemetryBean() {}

    static Telemetry telemetry(BeanManager beans, boolean traceContext) {
        Instance<OpenTelemetry> bean = beans.createInstance().select(OpenTelemetry.class);
        return bean.isResolvable() ? new OpenTelemetryRecorder(bean.get(), traceContext, VendoHttp.version())
                : Telemetry.OFF;
    }
}
