package dev.netlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExecutablesTest {

    @Test
    void findsProgramsOnTheGivenPathOnly() {
        assertThat(Executables.find("sh", "/bin")).contains(Path.of("/bin/sh"));
        assertThat(Executables.find("no-such-program-netlab", "/bin:/usr/bin")).isEmpty();
    }
}
