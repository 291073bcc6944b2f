package dev.netlab.livestream.fec;

/**
 * A repair payload broke a rule of {@link RepairFormat}; the message states the rule with the
 * offending value. It carries no stack trace: a flood of garbage must stay cheap to reject.
 */
public final class MalformedRepairException extends Exception {

    public MalformedRepairException(String message) {
        super(message, null, false, false);
    }
}
