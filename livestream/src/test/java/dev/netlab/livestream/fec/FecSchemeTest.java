package dev.netlab.livestream.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FecSchemeTest {

    @ParameterizedTest
    @ValueSource(strings = {"none", "xor-row:4", "xor-row:64", "xor-2d:5x4", "xor-2d:1x2", "rs:10+4", "rs:128+128"})
    void parsesEveryAcceptedFormBackToItsCanonicalSpec(String spec) {
        FecScheme scheme = FecScheme.parse(spec);

        assertThat(scheme.spec()).isEqualTo(spec);
        assertThat(FecScheme.parse(scheme.spec())).isEqualTo(scheme);
    }

    @Test
    void parsingIgnoresCaseAndSurroundingSpaces() {
        assertThat(FecScheme.parse(" XOR-2D:10x10 ")).isEqualTo(new FecScheme.Xor2d(10, 10));
    }

    @Test
    void overheadIsRepairsPerSourcePacket() {
        assertThat(FecScheme.parse("none").overheadRatio()).isZero();
        assertThat(FecScheme.parse("xor-row:4").overheadRatio()).isCloseTo(0.25, within(1e-9));
        assertThat(FecScheme.parse("xor-2d:5x4").overheadRatio()).isCloseTo(9.0 / 20, within(1e-9));
        assertThat(FecScheme.parse("rs:10+2").overheadRatio()).isCloseTo(0.2, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xor", "xor-row", "xor-row:", "xor-row:x", "xor-2d:5", "rs:10", "rs:10-2", "parity:4", "xor-row:-3"})
    void refusesAnUnknownFormAndNamesTheAcceptedOnes(String spec) {
        assertThatThrownBy(() -> FecScheme.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown FEC scheme '" + spec + "'; accepted: " + FecScheme.ACCEPTED_FORMS);
    }

    @Test
    void refusesOutOfRangeParametersWithTheValues() {
        assertThatThrownBy(() -> FecScheme.parse("xor-row:1"))
                .hasMessage("bad FEC scheme 'xor-row:1': row length 1 not in 2..64; accepted: " + FecScheme.ACCEPTED_FORMS);
        assertThatThrownBy(() -> FecScheme.parse("xor-2d:40x2"))
                .hasMessageStartingWith("bad FEC scheme 'xor-2d:40x2': matrix 40x2 not within 1..32 per side");
        assertThatThrownBy(() -> FecScheme.parse("rs:0+2"))
                .hasMessageStartingWith("bad FEC scheme 'rs:0+2': K=0, M=2 not within K 1..128 and M 1..128");
        assertThatThrownBy(() -> FecScheme.parse(null))
                .hasMessage("missing FEC scheme; accepted: " + FecScheme.ACCEPTED_FORMS);
    }

    @Test
    void acceptedFormsListEveryScheme() {
        assertThat(FecScheme.ACCEPTED_FORMS)
                .isEqualTo("none, xor-row:L (2<=L<=64), xor-2d:LxD (1<=L,D<=32, L*D>=2), rs:K+M (1<=K<=128, 1<=M<=128)");
    }

    @Test
    void theConverterTurnsABadSpecIntoAUsageErrorWithTheSameMessage() {
        assertThat(new FecSchemeConverter().convert("rs:10+4")).isEqualTo(new FecScheme.ReedSolomon(10, 4));
        assertThatThrownBy(() -> new FecSchemeConverter().convert("xor"))
                .isInstanceOf(picocli.CommandLine.TypeConversionException.class)
                .hasMessage("unknown FEC scheme 'xor'; accepted: " + FecScheme.ACCEPTED_FORMS);
    }
}
