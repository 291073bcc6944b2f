package dev.netlab.filetransfer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpaceReservationTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void aFileIsRefusedWhenFilesStillArrivingWereAlreadyPromisedTheSpace() throws Exception {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        long room = store.usableSpace() - store.reserveBytes();
        SpaceReservation first = store.reserve(room - 100 * MIB);

        assertThatThrownBy(() -> store.reserve(1024 * MIB)).isInstanceOf(InsufficientSpaceException.class)
                .hasMessageContaining("are promised to files still arriving");

        first.close();
        try (SpaceReservation second = store.reserve(1024 * MIB)) {
            assertThat(second).isNotNull();
        }
    }
}
