package dev.netlab.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds programs the way a shell would, plus the sbin folders where Debian puts daemons. */
public final class Executables {

    /** Daemons such as sshd live here and are often not on an ordinary user's PATH. */
    private static final List<String> SBIN_FOLDERS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private Executables() {
    }

    public static Optional<Path> find(String name) {
        return find(name, System.getenv("PATH"));
    }

    static Optional<Path> find(String name, String searchPath) {
        List<String> folders = new ArrayList<>();
        if (searchPath != null) {
            folders.addAll(List.of(searchPath.split(File.pathSeparator)));
        }
        folders.addAll(SBIN_FOLDERS);
        for (String folder : folders) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
