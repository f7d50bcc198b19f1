package run.vendo.testing;

import java.util.Locale;
import java.util.Map;

/** Display names and categories of well-known provider slugs, for the connections endpoint. */
final class ProviderCatalog {

    private record Entry(String displayName, String category) {}

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("google", new Entry("Google", "productivity")),
            Map.entry("gmail", new Entry("Gmail", "productivity")),
            Map.entry("notion", new Entry("Notion", "productivity")),
            Map.entry("slack", new Entry("Slack", "communication")),
            Map.entry("telegram", new Entry("Telegram", "communication")),
            Map.entry("github", new Entry("GitHub", "developer")),
            Map.entry("openai", new Entry("OpenAI", "ai")),
            Map.entry("anthropic", new Entry("Anthropic", "ai")),
            Map.entry("openrouter", new Entry("OpenRouter", "ai")),
            Map.entry("elevenlabs", new Entry("ElevenLabs", "ai")),
            Map.entry("assemblyai", new Entry("AssemblyAI", "ai")),
            Map.entry("muapi", new Entry("MuAPI", "ai")));

    private ProviderCatalog() {}

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
}
