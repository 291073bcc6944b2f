package dev.netlab.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A property test over seeded random cases: the method runs once per case with a {@code long}
 * seed (its first parameter) from which it draws its inputs, e.g. through {@link CaseRandom}.
 * The seeds are fixed (derived from the test's name and the case number), so every run checks
 * the same cases and a failure repeats; a failing case's seed leads its failure message, and
 * {@code -Dnetlab.seed=N} runs only that case.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "seed {0}")
@ArgumentsSource(CaseSeeds.class)
@ExtendWith(SeedInFailureMessage.class)
public @interface SeededCases {

    /** How many cases to run. */
    int value();
}
