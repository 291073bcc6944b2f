package dev.netlab.filetransfer.store;

import dev.netlab.filetransfer.protocol.TransferProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns an untrusted wire path ("docs/notes/a.txt", always '/'-separated and relative) into a
 * path inside one root directory, or refuses it with the rule it broke. Refused: empty paths,
 * absolute paths, "." and ".." segments, empty segments, backslashes, drive letters, NUL and
 * other control characters, over-long names and paths, names of our own part files, and any
 * path whose existing part resolves (through symlinks) outside the root. Thread-safe.
 */
public final class PathPolicy {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");

    private final Path root;
    private final Path realRoot;
    /** Directories already proven to resolve inside the root, so ten thousand files cost one check per folder. */
    private final Set<Path> checkedDirectories = ConcurrentHashMap.newKeySet();

    public PathPolicy(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** Validates the path's text alone: no file system access. */
    public static List<String> segments(String wirePath) throws PathRefusedException {
        if (wirePath.isEmpty()) {
            throw new PathRefusedException("empty path refused");
        }
        int bytes = wirePath.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TransferProtocol.MAX_PATH_BYTES) {
            throw new PathRefusedException("path of " + bytes + " bytes > max " + TransferProtocol.MAX_PATH_BYTES);
        }
        for (int i = 0; i < wirePath.length(); i++) {
            char c = wirePath.charAt(i);
            if (c == 0) {
                throw new PathRefusedException("path with a NUL byte refused: " + printable(wirePath));
            }
            if (c < 0x20 || c == 0x7F) {
                throw new PathRefusedException("path with a control character refused: " + printable(wirePath));
            }
            if (c == '\\') {
                throw new PathRefusedException("path with a backslash refused: " + wirePath);
            }
        }
        if (wirePath.startsWith("/")) {
            throw new PathRefusedException("absolute path refused: " + wirePath);
        }
        if (DRIVE_LETTER.matcher(wirePath).matches()) {
            throw new PathRefusedException("path with a drive letter refused: " + wirePath);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : wirePath.split("/", -1)) {
            checkSegment(segment, wirePath);
            segments.add(segment);
        }
        return segments;
    }

    private static void checkSegment(String segment, String wirePath) throws PathRefusedException {
        if (segment.isEmpty() || segment.equals(".")) {
            throw new PathRefusedException("path with an empty or '.' segment refused: " + wirePath);
        }
        if (segment.equals("..")) {
            throw new PathRefusedException("path with '..' refused: " + wirePath);
        }
        int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TransferProtocol.MAX_NAME_BYTES) {
            throw new PathRefusedException("name of " + bytes + " bytes > max " + TransferProtocol.MAX_NAME_BYTES);
        }
        if (PartFiles.isPartFileName(segment)) {
            throw new PathRefusedException("name reserved for part files refused: " + segment);
        }
    }

    /**
     * A checked place to write: the path, and what stands there now (null when nothing does),
     * from the same lstat that proved it is no symlink.
     */
    public record WriteTarget(Path path, BasicFileAttributes existing) {
    }

    /**
     * Resolves for writing: the path's existing ancestors must resolve inside the root, and a
     * symlink already standing at the target is refused (it could point anywhere).
     */
    public WriteTarget resolveForWrite(String wirePath) throws IOException {
        Path target = join(wirePath);
        checkAncestors(target.getParent());
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            existing = null;
        }
        if (existing != null && existing.isSymbolicLink()) {
            throw new PathRefusedException("path is a symlink, refused: " + wirePath);
        }
        return new WriteTarget(target, existing);
    }

    /** Resolves for reading: the whole path must exist and resolve inside the root. */
    public Path resolveForRead(String wirePath) throws IOException {
        Path target = wirePath.isEmpty() || wirePath.equals(".") ? root : join(wirePath);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(wirePath);
        }
        if (!target.toRealPath().startsWith(realRoot)) {
            throw new PathRefusedException("path leads outside the served directory, refused: " + wirePath);
        }
        return target;
    }

    private Path join(String wirePath) throws PathRefusedException {
        Path target = root;
        for (String segment : segments(wirePath)) {
            target = target.resolve(segment);
        }
        return target;
    }

    private void checkAncestors(Path directory) throws IOException {
        if (directory == null || checkedDirectories.contains(directory)) {
            return;
        }
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
            throw new PathRefusedException("path leads outside the served directory, refused: "
                    + root.relativize(directory));
        }
        if (existing.equals(directory)) {
            checkedDirectories.add(directory);
        }
    }

    /** Creates missing directories of a checked path and remembers them as inside the root. */
    public void createDirectories(Path directory) throws IOException {
        // The cache spares the symlink walk, not the existence check: a directory removed while
        // the server runs must be created again.
        if (!checkedDirectories.contains(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            checkedDirectories.remove(directory);
            checkAncestors(directory);
            Files.createDirectories(directory);
            checkAncestors(directory);
        }
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
