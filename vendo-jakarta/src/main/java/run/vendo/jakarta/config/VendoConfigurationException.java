package run.vendo.jakarta.config;

import java.util.List;

/**
 * The Vendo settings are invalid. Raised once, at application start-up, with every problem listed,
 * so that one fix-and-redeploy cycle is enough. The message never contains the API key.
 *
 * @since 0.1.0
 */
public class VendoConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one line per problem, each naming its configuration key
     */
    public VendoConfigurationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems, one per invalid setting.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder("Invalid Vendo configuration (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append("); fix these MicroProfile Config properties or their environment variables:");
        for (String problem : problems) {
            sb.append("\n  - ").append(problem);
        }
        return sb.toString();
    }
}
