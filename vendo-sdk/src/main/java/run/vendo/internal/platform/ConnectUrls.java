package run.vendo.internal.platform;

import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.config.EnvironmentDeployment;
import run.vendo.internal.token.CredentialsApi;

/**
 * Builds the browser link that connects a provider: {@code
 * {baseUrl}/connections/connect/{slug}?deployment_id=…&return_to=…&state=…}. The deployment is named
 * by its id, never by the App Key: the link is meant for a browser, and a secret in a URL ends up in
 * histories and logs.
 */
public final class ConnectUrls {

    private ConnectUrls() {}

    /**
     * @param settings the client's settings (base URL, environment)
     * @param slug the provider slug, already checked
     * @param returnTo {@code return_to}, or {@code null} or empty to leave it out
     * @param state {@code state}, or {@code null} or empty to leave it out
     * @throws IllegalStateException when {@code VENDO_DEPLOYMENT_ID} is not set
     */
    public static String connectUrl(ClientSettings settings, String slug, String returnTo, String state) {
        String deploymentId = settings.variable(EnvironmentDeployment.DEPLOYMENT_ID);
        if (deploymentId == null) {
            throw new IllegalStateException("connectUrl needs the deployment's id: set "
                    + EnvironmentDeployment.DEPLOYMENT_ID + " (Vendo sets it on the deployments it hosts). "
                    + "Prefer the links Vendo makes itself: NotConnected.connectUrl() and Connection.setupUrl().");
        }
        String base = settings.baseUrl().toString();
        // The link is a page of the site, not of its API: a base URL given as ".../api" still leads there.
        String site = base.endsWith("/api") ? base.substring(0, base.length() - "/api".length()) : base;
        StringBuilder url = new StringBuilder(site)
                .append("/connections/connect/").append(CredentialsApi.encode(slug))
                .append("?deployment_id=").append(CredentialsApi.encode(deploymentId));
        if (returnTo != null && !returnTo.isEmpty()) {
            url.append("&return_to=").append(CredentialsApi.encode(returnTo));
        }
        if (state != null && !state.isEmpty()) {
            url.append("&state=").append(CredentialsApi.encode(state));
        }
        return url.toString();
    }
}
