package dev.netlab.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @ParameterizedTest
    @CsvSource({"512,512", "64k,65536", "1m,1048576", "2g,2147483648", "16M,16777216", "64KiB,65536", "1mb,1048576"})
    void parsesSizesWithBinaryUnits(String text, long bytes) {
        assertThat(SizeConverter.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "-1m", "1.5m", "12q", "99999999999g"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> SizeConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a size (examples: 512, 64k, 1m, 2g)");
    }

    @ParameterizedTest
    @CsvSource({"250ms,250", "10s,10000", "2m,120000", "1h,3600000", "3,3000", "1.5s,1500"})
    void parsesDurations(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ms", "10 parsecs", "-5s"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration (examples: 250ms, 10s, 2m)");
    }

    @ParameterizedTest
    @CsvSource({"5%,0.05", "0.05,0.05", "100%,1.0", "0%,0.0", "12.5%,0.125"})
    void parsesPercentages(String text, double fraction) {
        assertThat(PercentConverter.parse(text)).isCloseTo(fraction, org.assertj.core.api.Assertions.within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"101%", "-1%", "2", "lots", "NaN"})
    void refusesWhatIsNotAProbability(String text) {
        assertThatThrownBy(() -> PercentConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'" + text + "' is not a percentage");
    }
}
