package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    /** SHA-256 of the empty input, as ssh would print it. */
    private static final String EMPTY_SHA256 = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

    @Test
    void parsesAndPrintsSshNotation() {
        assertThat(Fingerprint.parse(EMPTY_SHA256)).hasToString(EMPTY_SHA256);
    }

    @Test
    void acceptsPaddingLowerCasePrefixAndSurroundingSpace() {
        assertThat(Fingerprint.parse("  sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= "))
                .isEqualTo(Fingerprint.parse(EMPTY_SHA256));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "MD5:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSu",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSu!U",
        "SHA256:"})
    void refusesTextThatIsNotASha256FingerprintQuotingIt(String text) {
        assertThatThrownBy(() -> Fingerprint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a SHA-256 fingerprint like " + EMPTY_SHA256);
    }
}
