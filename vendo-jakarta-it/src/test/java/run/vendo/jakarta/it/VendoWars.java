package run.vendo.jakarta.it;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import run.vendo.jakarta.it.app.AppScopedUserTokenResource;
import run.vendo.jakarta.it.app.JobResource;
import run.vendo.jakarta.it.app.MeResource;
import run.vendo.jakarta.it.app.ResourceRuns;
import run.vendo.jakarta.it.app.TokenJob;
import run.vendo.jakarta.it.app.UserTokenResource;
import run.vendo.jakarta.it.app.VendoApplication;
import run.vendo.testing.VendoEmulator;

/** Builds the test WARs: the vendo-jakarta jar and its runtime libraries in WEB-INF/lib, settings per deployment. */
final class VendoWars {

    private VendoWars() {
    }

    /** The resources of the Vendo test application, without its JAX-RS {@code Application} class. */
    static final Class<?>[] RESOURCES = {
        UserTokenResource.class, AppScopedUserTokenResource.class, ResourceRuns.class, TokenJob.class,
        JobResource.class, MeResource.class,
    };

    /** A WAR with the Vendo test application under {@code /api} and the given settings. */
    static WebArchive app(String name, Map<String, String> settings) {
        return withSettings(ShrinkWrap.create(WebArchive.class, name)
                .addClass(VendoApplication.class)
                .addClasses(RESOURCES)
                .addAsWebInfResource("smoke/beans.xml", "beans.xml")
                .addAsLibraries(WarLibraries.all()), settings);
    }

    /** Puts the settings into {@code WEB-INF/classes/META-INF/microprofile-config.properties}. */
    static WebArchive withSettings(WebArchive war, Map<String, String> settings) {
        StringBuilder properties = new StringBuilder();
        settings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        return war.addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    }

    /** Vendo mode against the emulator, with identity-token verification against its JWKS. */
    static Map<String, String> emulatorSettings(VendoEmulator emulator) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("vendo.api-key", emulator.apiKey());
        settings.put("vendo.base-url", emulator.baseUrl());
        settings.put("vendo.credentials-url", emulator.credentialsUrl());
        settings.put("vendo.jwt.jwks-url", emulator.jwksUrl());
        settings.put("vendo.jwt.issuer", emulator.issuer());
        settings.put("vendo.jwt.audiences", VendoEmulator.AUDIENCE);
        // One attempt: a faulted call must not be retried into a success by the client.
        settings.put("vendo.max-attempts", "1");
        return settings;
    }
}
