package run.vendo.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Display names, categories, brand colours and documentation of well-known provider slugs, for the
 * connections and integrations endpoints.
 */
final class ProviderCatalog {

    private record Entry(String displayName, String category, String brandColor, String docsUrl, boolean featured) {}

    private static final String NEUTRAL_COLOR = "#6B7280";

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("google", new Entry("Google", "productivity", "#4285F4", "https://developers.google.com/", true)),
            Map.entry("gmail", new Entry("Gmail", "productivity", "#EA4335",
                    "https://developers.google.com/gmail/api", false)),
            Map.entry("notion", new Entry("Notion", "productivity", "#000000", "https://developers.notion.com/", false)),
            Map.entry("slack", new Entry("Slack", "communication", "#4A154B", "https://api.slack.com/", true)),
            Map.entry("telegram", new Entry("Telegram", "communication", "#26A5E4",
                    "https://core.telegram.org/bots/api", false)),
            Map.entry("github", new Entry("GitHub", "developer", "#181717", "https://docs.github.com/rest", false)),
            Map.entry("openai", new Entry("OpenAI", "ai", "#10A37F", "https://platform.openai.com/docs", true)),
            Map.entry("anthropic", new Entry("Anthropic", "ai", "#D97757", "https://docs.anthropic.com/", false)),
            Map.entry("openrouter", new Entry("OpenRouter", "ai", "#6467F2", "https://openrouter.ai/docs", false)),
            Map.entry("elevenlabs", new Entry("ElevenLabs", "ai", "#000000", "https://elevenlabs.io/docs", false)),
            Map.entry("assemblyai", new Entry("AssemblyAI", "ai", "#2545D3", "https://www.assemblyai.com/docs", false)),
            Map.entry("muapi", new Entry("MuAPI", "ai", "#7C3AED", "https://muapi.ai/docs", false)));

    private ProviderCatalog() {}

    /** Every catalogued slug, in alphabetical order. */
    static List<String> slugs() {
        return ENTRIES.keySet().stream().sorted().toList();
    }

    /** The display name of a slug: the catalogue's, else the slug capitalised. */
    static String displayName(String slug) {
        Entry entry = ENTRIES.get(slug);
        if (entry != null) {
            return entry.displayName();
        }
        return slug.substring(0, 1).toUpperCase(Locale.ROOT) + slug.substring(1);
    }

    /** The category of a slug: the catalogue's, else {@code "other"}. */
    static String category(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry == null ? "other" : entry.category();
    }

    /** The brand colour of a slug: the catalogue's, else a neutral grey. */
    static String brandColor(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry == null ? NEUTRAL_COLOR : entry.brandColor();
    }

    /** The documentation of a slug, or null outside the catalogue. */
    static String docsUrl(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry == null ? null : entry.docsUrl();
    }

    /** The logo of a slug, served (as a 404) by the emulator at {@code baseUrl}. */
    static String logoUrl(String baseUrl, String slug) {
        return baseUrl + "/static/logos/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20")
                + ".svg";
    }

    /** Whether the slug is featured in the integrations list. */
    static boolean featured(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry != null && entry.featured();
    }
}
