package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PairingCodeTest {

    @Test
    void generatedCodesAreFourDigitsAndThreeListedWordsAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PairingCode code = PairingCode.generate();
            assertThat(code.reveal()).matches("\\d{4}(-[a-z]{3,8}){3}");
            assertThat(Integer.parseInt(code.reveal().substring(0, 4))).isEqualTo(code.rendezvousId());
            seen.add(code.reveal());
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void parsesWhatAPersonTypesIgnoringCaseAndSeparators() {
        assertThat(PairingCode.parse("  0042 Maple  otter-QUARTZ ")).isEqualTo(PairingCode.parse("0042-maple-otter-quartz"));
        assertThat(PairingCode.parse("0042-maple-otter-quartz").rendezvousId()).isEqualTo(42);
    }

    @Test
    void refusesMalformedCodesWithoutRepeatingThem() {
        for (String bad : new String[] {"maple-otter", "123-maple-otter", "1234-maple", "1234-m4ple-otter", ""}) {
            assertThatThrownBy(() -> PairingCode.parse(bad)).as(bad)
                    .hasMessage("a pairing code is four digits and two to eight words of letters, e.g. 4721-maple-otter-quartz");
        }
    }

    @Test
    void toStringNeverShowsTheWords() {
        PairingCode code = PairingCode.parse("0042-maple-otter-quartz");
        assertThat(code.toString()).isEqualTo("pairing code 0042-…").doesNotContain("maple");
    }

    @Test
    void wordListHas2048DistinctWords() {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < PairingWords.SIZE; i++) {
            words.add(PairingWords.word(i));
        }
        assertThat(words).hasSize(2048).allMatch(w -> w.matches("[a-z]{3,8}"));
    }
}
