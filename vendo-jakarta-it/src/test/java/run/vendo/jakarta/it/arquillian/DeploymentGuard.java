package run.vendo.jakarta.it.arquillian;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * Checks every deployment, on both servers, and keeps the tests on the loopback interface.
 *
 * <ul>
 *   <li>The Payara Micro adapter starts one Payara Micro process per deployment and keeps a
 *       handle on the last one only: a second deployment at the same time would leak the first
 *       process. So a test class deploys one archive, and a second one fails here.
 *   <li>Payara Micro logs a failed deployment and starts anyway; its adapter then reports an
 *       HTTP context without servlets. That becomes a {@link DeploymentException} here, so the
 *       test fails at deployment with a pointer to the server log, not later with a 404.
 *   <li>Payara Micro reports its host as the machine's canonical host name. Both servers listen
 *       on 127.0.0.1 only, so every HTTP context that does not name a loopback address literally
 *       is rewritten to 127.0.0.1: the tests never send a request anywhere else.
 * </ul>
 */
public class DeploymentGuard {

    static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = Logger.getLogger(DeploymentGuard.class.getName());

    @Inject
    @DeploymentScoped
    private InstanceProducer<ProtocolMetaData> protocolMetaData;

    private int payaraDeployments;

    public void beforeDeploy(@Observes BeforeDeploy event) throws DeploymentException {
        if (isPayara(event.getDeployableContainer()) && payaraDeployments > 0) {
            throw new DeploymentException("'" + archiveName(event) + "' would be a second deployment"
                    + " on Payara Micro at the same time; its Arquillian adapter would leak the first server"
                    + " process. Deploy one archive per test class.");
        }
    }

    public void afterDeploy(@Observes AfterDeploy event) throws DeploymentException {
        DeployableContainer<?> container = event.getDeployableContainer();
        ProtocolMetaData deployed = protocolMetaData.get();
        boolean hasHttp = deployed != null && deployed.hasContext(HTTPContext.class);
        if (isPayara(container)) {
            if (hasHttp && deployed.getContexts(HTTPContext.class).stream().allMatch(c -> c.getServlets().isEmpty())) {
                // Arquillian does not undeploy a failed deployment: stop the server process now.
                container.undeploy(event.getDeployment().getArchive());
                throw new DeploymentException("Payara Micro started but did not deploy '"
                        + event.getDeployment().getArchive().getName() + "': no servlet is mapped. The cause is in"
                        + " the server log (target/failsafe-reports/payara/<test class>-output.txt).");
            }
            payaraDeployments++;
        }
        if (!hasHttp) {
            return;
        }
        ProtocolMetaData onLoopback = new ProtocolMetaData();
        for (Object context : deployed.getContexts()) {
            onLoopback.addContext(context instanceof HTTPContext ? toLoopback((HTTPContext) context) : context);
        }
        protocolMetaData.set(onLoopback);
    }

    public void afterUndeploy(@Observes AfterUnDeploy event) {
        if (isPayara(event.getDeployableContainer()) && payaraDeployments > 0) {
            payaraDeployments--;
        }
    }

    private static String archiveName(BeforeDeploy event) {
        return event.getDeployment().isArchiveDeployment()
                ? event.getDeployment().getArchive().getName()
                : event.getDeployment().getName();
    }

    private static boolean isPayara(DeployableContainer<?> container) {
        return container.getClass().getName().startsWith("fish.payara.");
    }

    private static HTTPContext toLoopback(HTTPContext context) {
        if (isLoopbackLiteral(context.getHost())) {
            return context;
        }
        LOG.info(() -> "Reaching " + context.getHost() + ":" + context.getPort() + " through " + LOOPBACK);
        HTTPContext rewritten = new HTTPContext(context.getName(), LOOPBACK, context.getPort(),
                "https".equals(context.getScheme()));
        for (Servlet servlet : context.getServlets()) {
            rewritten.add(new Servlet(servlet.getName(), servlet.getContextRoot()));
        }
        return rewritten;
    }

    private static boolean isLoopbackLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.isEmpty() || !bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false; // a name, not an address literal: never resolved here
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
