package dev.netlab.filetransfer.engine;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lists what sending a path means: a file is itself; a directory is every regular file under it
 * plus every empty directory, each with a '/'-separated path relative to the directory's parent,
 * so sending "photos" creates "photos/..." on the other side. Files come in a stable order
 * (sorted by path) so repeated runs offer the same sequence.
 */
public final class SourceTree {

    private SourceTree() {
    }

    /**
     * @param followLinks follow symlinks (a user sending their own files) or skip them (a server
     *     serving a download, which must not leave its directory)
     * @param prefix prepended to every wire path ("" or "sub/dir/")
     */
    public static List<SourceFile> collect(Path path, String prefix, boolean followLinks) throws IOException {
        Path start = path.toAbsolutePath().normalize();
        if (!Files.exists(start)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        Path base = start.getParent() == null ? start : start.getParent();
        List<SourceFile> found = new ArrayList<>();
        Set<FileVisitOption> options = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
        Files.walkFileTree(start, options, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        found.add(new SourceFile(dir, prefix + wire(base, dir), true, 0, attrs.lastModifiedTime().toMillis()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    found.add(new SourceFile(file, prefix + wire(base, file), false, attrs.size(),
                            attrs.lastModifiedTime().toMillis()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort((a, b) -> a.wirePath().compareTo(b.wirePath()));
        return found;
    }

    private static String wire(Path base, Path file) {
        Path relative = base.relativize(file);
        StringBuilder wire = new StringBuilder();
        for (Path segment : relative) {
            if (wire.length() > 0) {
                wire.append('/');
            }
            wire.append(segment);
        }
        return wire.toString();
    }
}
