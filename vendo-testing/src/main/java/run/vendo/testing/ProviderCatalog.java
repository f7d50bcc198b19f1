package run.vendo.testing;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The providers the emulated Vendo supports out of the box, with what its connections and
 * integrations endpoints say about each: display name, category (the docs' vocabulary: {@code llm},
 * {@code messaging}, {@code tts}, …), brand colour, documentation, the credential profile an
 * integration uses by default (as {@code apps_catalog} sets it on Vendo), the environment variable
 * its credential is injected as, and whether a credential may serve only one running deployment at a
 * time ({@code exclusive}, e.g. a Telegram bot).
 */
final class ProviderCatalog {

    /** Vendo's shared upstream key pool: the App Key itself reaches the provider through a proxy. */
    static final String VENDO_MANAGED_POOL = "vendo_managed_pool";
    /** A static key the tenant brought. */
    static final String BYOK_STATIC = "byok_static";
    /** OAuth through Composio, which holds the refresh token. */
    static final String COMPOSIO_MANAGED = "composio_managed";
    /** An installed OAuth app whose token does not expire (Notion's bot install). */
    static final String OAUTH_APP_INSTALL = "oauth_app_install";
    /** Reserved for first-party OAuth: the credentials worker answers 500 {@code profile_unsupported}. */
    static final String USER_OAUTH = "user_oauth";

    private record Entry(String displayName, String category, String brandColor, String docsUrl, String profile,
            String envVar, boolean exclusive, String description) {}

    private static final String NEUTRAL_COLOR = "#6B7280";

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("google", new Entry("Google", "productivity", "#4285F4", "https://developers.google.com/",
                    COMPOSIO_MANAGED, null, false, null)),
            Map.entry("gmail", new Entry("Gmail", "email", "#EA4335", "https://developers.google.com/gmail/api",
                    COMPOSIO_MANAGED, "GMAIL_ACCESS_TOKEN", false, null)),
            Map.entry("notion", new Entry("Notion", "productivity", "#000000", "https://developers.notion.com/",
                    OAUTH_APP_INSTALL, "NOTION_API_TOKEN", false, null)),
            Map.entry("slack", new Entry("Slack", "messaging", "#4A154B", "https://api.slack.com/",
                    COMPOSIO_MANAGED, "SLACK_BOT_TOKEN", false, null)),
            Map.entry("telegram", new Entry("Telegram", "messaging", "#229ED9", "https://core.telegram.org/bots",
                    BYOK_STATIC, "TELEGRAM_BOT_TOKEN", true, null)),
            Map.entry("github", new Entry("GitHub", "developer", "#181717", "https://docs.github.com/rest",
                    COMPOSIO_MANAGED, null, false, null)),
            Map.entry("supabase", new Entry("Supabase", "database", "#3ECF8E", "https://supabase.com/docs",
                    OAUTH_APP_INSTALL, "SUPABASE_ACCESS_TOKEN", false, null)),
            Map.entry("openai", new Entry("OpenAI", "llm", "#10A37F", "https://platform.openai.com/docs",
                    VENDO_MANAGED_POOL, "OPENAI_API_KEY", false, null)),
            Map.entry("anthropic", new Entry("Anthropic", "llm", "#D97757", "https://docs.anthropic.com/",
                    VENDO_MANAGED_POOL, "ANTHROPIC_API_KEY", false, null)),
            Map.entry("openrouter", new Entry("OpenRouter", "llm", "#6467F2", "https://openrouter.ai/docs",
                    VENDO_MANAGED_POOL, "OPENROUTER_API_KEY", false, "Unified gateway for LLM providers.")),
            Map.entry("elevenlabs", new Entry("ElevenLabs", "tts", "#000000", "https://elevenlabs.io/docs",
                    VENDO_MANAGED_POOL, "ELEVENLABS_API_KEY", false, null)),
            Map.entry("assemblyai", new Entry("AssemblyAI", "stt", "#2545D3", "https://www.assemblyai.com/docs",
                    VENDO_MANAGED_POOL, "ASSEMBLYAI_API_KEY", false, null)),
            Map.entry("muapi", new Entry("MuAPI", "media", "#7C3AED", "https://muapi.ai/docs",
                    BYOK_STATIC, "MUAPI_API_KEY", false, null)));

    private ProviderCatalog() {}

    /** Every catalogued slug, in alphabetical order. */
    static List<String> slugs() {
        return ENTRIES.keySet().stream().sorted().toList();
    }

    /** Whether the slug is catalogued. */
    static boolean contains(String slug) {
        return ENTRIES.containsKey(slug);
    }

    /** The display name of a slug: the catalogue's, else the slug capitalised. */
    static String displayName(String slug) {
        Entry entry = ENTRIES.get(slug);
        if (entry != null) {
            return entry.displayName();
        }
        return slug.substring(0, 1).toUpperCase(Locale.ROOT) + slug.substring(1);
    }

    /** A one-line description of the integration. */
    static String description(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry != null && entry.description() != null ? entry.description()
                : "Connect " + displayName(slug) + " through Vendo.";
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

    /** The profile a connection of {@code slug} has unless a test sets another: {@code composio_managed} outside. */
    static String defaultProfile(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry == null ? COMPOSIO_MANAGED : entry.profile();
    }

    /** The environment variable the slug's credential is injected as, or null. */
    static String envVar(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry == null ? null : entry.envVar();
    }

    /** Whether one credential of the slug can serve only one running deployment at a time. */
    static boolean exclusive(String slug) {
        Entry entry = ENTRIES.get(slug);
        return entry != null && entry.exclusive();
    }

    /**
     * The {@code env_bootstrap} of the slug's integration: {@code {"vars": [{"name", "value_from"}],
     * "restart": "gateway"}} for a slug whose credential is an environment variable, else {@code
     * {"vars": [], "restart": "none"}}.
     */
    static JsonObject envBootstrap(String slug) {
        String var = envVar(slug);
        if (var == null) {
            return Json.object().add("vars", Json.array()).add("restart", "none").build();
        }
        return Json.object()
                .add("vars", Json.array().add(Json.object().add("name", var)
                        .add("value_from", "metadata.credential." + var)))
                .add("restart", "gateway")
                .build();
    }

    /** The logo of a slug, served (as a 404) by the emulator at {@code baseUrl}. */
    static String logoUrl(String baseUrl, String slug) {
        return baseUrl + "/static/logos/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20")
                + ".svg";
    }
}
