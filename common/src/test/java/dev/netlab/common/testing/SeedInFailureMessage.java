package dev.netlab.common.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Puts the failing case's seed in front of a {@link SeededCases} failure message, so the
 * message alone is enough to repeat the case ({@code -Dnetlab.seed=N}), whatever the build
 * tool prints as the test's name.
 */
public final class SeedInFailureMessage implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String seed = context.getDisplayName().replace("seed ", "");
        throw new AssertionError("case with seed " + seed + " failed (repeat it alone with -D"
                + CaseSeeds.SEED_PROPERTY + "=" + seed + "): " + failure, failure);
    }
}
