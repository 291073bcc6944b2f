package dev.netlab.filetransfer.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory files arrive in: resolves wire paths safely, keeps two transfers from writing
 * the same destination at once, checks free space, and publishes verified part files under
 * their final names without ever clobbering data unless told to. Shared by all connections of
 * a server; thread-safe.
 */
public final class ReceiveStore {

    /** Space left free beyond the file itself, so the disk is not filled to the last byte. */
    public static final long FREE_SPACE_RESERVE = 64L * 1024 * 1024;
    /** A taken name gets at most this many numbered alternatives before the file fails. */
    private static final int MAX_RENAME_ATTEMPTS = 1000;

    private final PathPolicy paths;
    private final OnExists onExists;
    private final boolean fsync;
    private final Set<Path> claimed = ConcurrentHashMap.newKeySet();

    public ReceiveStore(Path root, OnExists onExists, boolean fsync) throws IOException {
        this.paths = new PathPolicy(root);
        this.onExists = onExists;
        this.fsync = fsync;
    }

    public PathPolicy paths() {
        return paths;
    }

    public OnExists onExists() {
        return onExists;
    }

    public boolean fsync() {
        return fsync;
    }

    /** @return false when another transfer is writing this destination right now */
    public boolean claim(Path destination) {
        return claimed.add(destination);
    }

    public void release(Path destination) {
        claimed.remove(destination);
    }

    /** Throws when storing {@code bytes} more would leave less than {@link #FREE_SPACE_RESERVE}. */
    public void checkFreeSpace(long bytes) throws IOException {
        long usable = Files.getFileStore(paths.root()).getUsableSpace();
        if (bytes + FREE_SPACE_RESERVE > usable) {
            throw new InsufficientSpaceException(bytes, usable);
        }
    }

    /**
     * Moves a verified part file to its final name following the on-exists policy.
     *
     * @return the name it was stored under
     */
    public Path publish(Path part, Path destination) throws IOException {
        if (onExists == OnExists.OVERWRITE) {
            Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return destination;
        }
        Path candidate = destination;
        for (int attempt = 1; attempt <= MAX_RENAME_ATTEMPTS; attempt++) {
            if (publishWithoutClobbering(part, candidate)) {
                return candidate;
            }
            if (onExists == OnExists.FAIL) {
                throw new FileAlreadyExistsException(paths.root().relativize(destination).toString(), null,
                        "exists and --on-exists is fail");
            }
            candidate = numbered(destination, attempt);
        }
        throw new FileAlreadyExistsException(destination.toString(), null,
                MAX_RENAME_ATTEMPTS + " numbered names all taken");
    }

    /**
     * A hard link fails when the name exists, which makes "publish unless taken" one atomic
     * step; where links are not supported, checks and renames instead.
     */
    private static boolean publishWithoutClobbering(Path part, Path candidate) throws IOException {
        try {
            Files.createLink(candidate, part);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(candidate)) {
                return false;
            }
            Files.move(part, candidate, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(part);
        return true;
    }

    static Path numbered(Path destination, int n) {
        String name = destination.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0
                ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot)
                : name + " (" + n + ")";
        return destination.resolveSibling(numbered);
    }
}
