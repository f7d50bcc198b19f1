package run.vendo.testing;

import java.util.concurrent.CopyOnWriteArrayList;

/** The active fault rules, in injection order. */
final class FaultRegistry {

    private final CopyOnWriteArrayList<FaultRule> rules = new CopyOnWriteArrayList<>();

    FaultRule add(Fault fault) {
        FaultRule rule = new FaultRule(fault);
        rules.add(rule);
        return rule;
    }

    /** Consumes the first matching rule and returns its fault, or null. */
    Fault match(FaultTarget target) {
        if (rules.isEmpty()) {
            return null;
        }
        for (FaultRule rule : rules) {
            if (rule.tryConsume(target)) {
                if (rule.isSpent()) {
                    rules.remove(rule);
                }
                return rule.fault();
            }
        }
        rules.removeIf(FaultRule::isSpent);
        return null;
    }

    /** Cancels and forgets every rule. */
    void clear() {
        for (FaultRule rule : rules) {
            rule.cancel();
        }
        rules.clear();
    }
}
