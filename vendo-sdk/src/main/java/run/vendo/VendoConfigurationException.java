package run.vendo;

import java.util.List;

/**
 * The settings of a client are invalid. Every problem is listed at once, each naming its setting
 * by its key ({@code vendo.base-url}, whose environment variable is {@code VENDO_BASE_URL}), so
 * that one fix is enough. The message never contains a secret: neither the API key nor the user
 * info or query of a URL.
 *
 * @since 0.1.0
 */
public class VendoConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One line per problem, each starting with the setting's key. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one line per problem, each starting with the setting's key
     */
    public VendoConfigurationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems, one per invalid setting.
     *
     * @return the problems, each starting with the setting's key
     */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder("Invalid Vendo settings (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append("); set each by its key (system property or MicroProfile Config) or its environment variable"
                        + " (upper case, '.' and '-' as '_'):");
        for (String problem : problems) {
            sb.append("\n  - ").append(problem);
        }
        return sb.toString();
    }
}
