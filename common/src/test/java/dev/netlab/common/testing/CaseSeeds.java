package dev.netlab.common.testing;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

/**
 * The seeds of a {@link SeededCases} test: {@code count} seeds drawn from a generator seeded
 * with the test method's name, so they differ between tests and not between runs; or only the
 * seed given as system property {@value #SEED_PROPERTY}, to repeat one failing case.
 */
public final class CaseSeeds implements ArgumentsProvider, AnnotationConsumer<SeededCases> {

    /** The system property that runs one case: {@code -Dnetlab.seed=N}. */
    public static final String SEED_PROPERTY = "netlab.seed";

    private int count;

    @Override
    public void accept(SeededCases annotation) {
        this.count = annotation.value();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        String only = System.getProperty(SEED_PROPERTY);
        if (only != null) {
            return Stream.of(Arguments.of(Long.parseLong(only)));
        }
        String name = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
        SplittableRandom seeds = new SplittableRandom(name.hashCode());
        return LongStream.generate(seeds::nextLong).limit(count).mapToObj(Arguments::of);
    }
}
