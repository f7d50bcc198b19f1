package run.vendo.testing;

import java.util.concurrent.CopyOnWriteArrayList;

/** The active fault rules, in injection order. */
final class FaultRegistry {

    private final CopyOnWriteArrayList<FaultRule> rules = new CopyOnWriteArrayList<>();
    /** Hold rules, kept after they are spent: their held requests go on when the registry is cleared. */
    private final CopyOnWriteArrayList<FaultRule> holds = new CopyOnWriteArrayList<>();

    FaultRule add(Fault fault) {
        FaultRule rule = new FaultRule(fault);
        if (fault.kind == Fault.Kind.HOLD) {
            holds.add(rule);
        }
        rules.add(rule);
        return rule;
    }

    /** Consumes the first matching rule and returns it, or null. */
    FaultRule match(FaultTarget target) {
        if (rules.isEmpty()) {
            return null;
        }
        for (FaultRule rule : rules) {
            if (rule.tryConsume(target)) {
                if (rule.isSpent()) {
                    rules.remove(rule);
                }
                return rule;
            }
        }
        rules.removeIf(FaultRule::isSpent);
        return null;
    }

    /** Cancels and forgets every rule, and lets every held request go on. */
    void clear() {
        for (FaultRule rule : rules) {
            rule.cancel();
        }
        rules.clear();
        for (FaultRule rule : holds) {
            rule.cancel();
        }
        holds.clear();
    }
}
