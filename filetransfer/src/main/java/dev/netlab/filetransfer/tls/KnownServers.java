package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's known-servers file, its memory of which TLS identity each server had, as ssh's
 * {@code known_hosts}. One line per server, {@code HOST:PORT SHA256:<base64>}; {@code #} starts a
 * comment. HOST is what the user typed, lower-cased, so {@code localhost:9000} and
 * {@code 127.0.0.1:9000} are different entries, as in ssh. IPv6 hosts are bracketed.
 *
 * <p>Thread-safe and safe across processes: a record is appended under a file lock after
 * re-reading the file, so parallel connections ({@code --streams N}) record a server once.
 */
public final class KnownServers {

    private static final String HEADER =
            "# netlab filetransfer known servers: HOST:PORT SHA256-fingerprint (see filetransfer/README.md)\n";
    /** Serialises this JVM's writers: a FileLock is held per JVM, not per thread. */
    private static final Object WRITE_LOCK = new Object();

    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    /** {@code ~/.netlab/filetransfer/known_servers}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".netlab", "filetransfer", "known_servers");
    }

    public Path file() {
        return file;
    }

    /** The key a server is recorded under: {@code host:port}, host lower-cased, IPv6 bracketed. */
    public static String key(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        boolean ipv6 = lower.indexOf(':') >= 0 && !lower.startsWith("[");
        return (ipv6 ? "[" + lower + "]" : lower) + ":" + port;
    }

    /** A recorded fingerprint and the line it is on, for messages that tell the user what to edit. */
    public record Entry(String key, Fingerprint fingerprint, int lineNumber) {
    }

    /** What {@link #recordIfAbsent} found: the entry now in the file, and whether this call added it. */
    public record Recorded(Entry entry, boolean added) {
    }

    /** The fingerprint recorded for {@code key}, if any. */
    public Optional<Entry> lookup(String key) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return find(lines, key);
    }

    private Optional<Entry> find(List<String> lines, String key) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw malformed(i + 1, line);
            }
            if (fields[0].equals(key)) {
                try {
                    return Optional.of(new Entry(key, Fingerprint.parse(fields[1]), i + 1));
                } catch (IllegalArgumentException e) {
                    throw malformed(i + 1, line);
                }
            }
        }
        return Optional.empty();
    }

    private IOException malformed(int lineNumber, String line) {
        return new IOException("known servers file " + file + " line " + lineNumber
                + " is not 'HOST:PORT SHA256:<base64>': '" + line + "'");
    }

    /**
     * Records {@code fingerprint} for {@code key} unless the file already holds an entry for it.
     *
     * @return the entry now in the file: the new one, or the one another connection or process
     *     recorded first (whose fingerprint the caller must compare)
     */
    public Recorded recordIfAbsent(String key, Fingerprint fingerprint) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        synchronized (WRITE_LOCK) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                Optional<Entry> existing = find(lines, key);
                if (existing.isPresent()) {
                    return new Recorded(existing.get(), false);
                }
                StringBuilder text = new StringBuilder();
                boolean empty = channel.size() == 0;
                if (empty) {
                    text.append(HEADER);
                } else if (!endsWithNewline(channel)) {
                    text.append('\n'); // a hand-edited last line without one
                }
                text.append(key).append(' ').append(fingerprint).append('\n');
                channel.position(channel.size());
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
                int lineNumber = lines.size() + (empty ? 1 : 0) + 1;
                return new Recorded(new Entry(key, fingerprint, lineNumber), true);
            }
        }
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }
}
