package dev.netlab.filetransfer;

import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import dev.netlab.common.testing.TestData;
import java.util.stream.Stream;

/** Small helpers the filetransfer tests share: servers on free loopback ports, seeded files, tree comparison. */
public final class Fixtures {

    private Fixtures() {
    }

    public static FileServer server(ServerConfig config) throws IOException {
        return new FileServer(config).start();
    }

    /** A loopback server with every default but {@code token} (null: none) and {@code transport}. */
    public static FileServer server(Path dir, byte[] token, dev.netlab.filetransfer.transport.Transport transport)
            throws IOException {
        ServerConfig d = ServerConfig.loopback(dir);
        return server(new ServerConfig(d.directory(), d.bind(), token, d.maxConnections(), d.maxFileSize(),
                d.maxFilesPerSession(), d.onExists(), d.fsync(), d.readTimeout(), d.idleTimeout(), transport));
    }

    public static ClientOptions clientFor(FileServer server) throws IOException {
        return ClientOptions.defaults("127.0.0.1", server.localAddress().getPort());
    }

    public static Path randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        return TestData.randomFile(file, size, seed);
    }

    /** The names in a directory (not below it), sorted. */
    public static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file and directory under root, relative path to content ("DIR" for directories). */
    public static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new HashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    String key = root.relativize(p).toString();
                    tree.put(key, Files.isDirectory(p) ? "DIR" : java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return tree;
    }
}
