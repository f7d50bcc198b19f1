package run.vendo.internal.token;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import run.vendo.internal.json.JsonSupport;

/**
 * The bring-your-own-key catalogue bundled as {@code byok-catalogue.json}: for each slug, the
 * variables that hold its key in OSS mode, primary first.
 */
public final class ByokCatalogue {

    public record Entry(String slug, List<String> variables, boolean oauth) {
        public String primaryVariable() {
            return variables.get(0);
        }
    }

    private static final ByokCatalogue BUNDLED = load("byok-catalogue.json");

    private final Map<String, Entry> entries;

    private ByokCatalogue(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static ByokCatalogue bundled() {
        return BUNDLED;
    }

    public Optional<Entry> entry(String slug) {
        return Optional.ofNullable(entries.get(slug.toLowerCase(Locale.ROOT)));
    }

    /** The variable a user should set for {@code slug}: the catalogue's primary, else the override. */
    public String variableToSet(String slug) {
        return entry(slug).map(Entry::primaryVariable).orElseGet(() -> overrideVariable(slug));
    }

    /** {@code VENDO_TOKEN_<SLUG>}: upper case, every character other than a letter or digit as {@code _}. */
    public static String overrideVariable(String slug) {
        StringBuilder name = new StringBuilder("VENDO_TOKEN_".length() + slug.length()).append("VENDO_TOKEN_");
        for (int i = 0; i < slug.length(); i++) {
            char c = slug.charAt(i);
            name.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    private static ByokCatalogue load(String resource) {
        try (InputStream in = ByokCatalogue.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource + " in vendo-sdk");
            }
            JsonObject root = JsonSupport.read(in.readAllBytes()).asJsonObject();
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : root.entrySet()) {
                JsonObject spec = e.getValue().asJsonObject();
                List<String> variables = spec.getJsonArray("variables").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList();
                entries.put(e.getKey(), new Entry(e.getKey(), variables, spec.getBoolean("oauth", false)));
            }
            return new ByokCatalogue(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
