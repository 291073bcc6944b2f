package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CipherWarmupTest {

    @Test
    void warmUpRecordsRoundTripIntactThroughAesGcm() throws Exception {
        assertThat(CipherWarmup.run(300, true)).isEqualTo(300);
    }

    @Test
    void encryptOnlyWarmUpSealsEveryRecordWithItsTag() throws Exception {
        assertThat(CipherWarmup.run(300, false)).isEqualTo(300);
    }
}
