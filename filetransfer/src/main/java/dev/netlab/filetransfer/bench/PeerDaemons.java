package dev.netlab.filetransfer.bench;

import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildFailedException;
import dev.netlab.bench.ChildRunner;
import dev.netlab.bench.ChildServer;
import dev.netlab.bench.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Starts the servers the peers talk to, each on a free loopback port with configuration in the
 * benchmark's own work folder, never the machine's: an rsync daemon, an sshd, an iperf3 server.
 * Each returns a {@link ChildServer} that is ready (its listening line seen) and that the caller
 * closes.
 */
final class PeerDaemons {

    /** How long a daemon may take to print its listening line on a busy machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /** sshd refuses to start as root without this folder, which its service unit normally makes. */
    static final Path SSHD_PRIVSEP_FOLDER = Path.of("/run/sshd");

    private static final Pattern RSYNCD_READY = Pattern.compile("listening on port (\\d+)");
    private static final Pattern SSHD_READY = Pattern.compile("Server listening on \\S+ port (\\d+)");
    private static final Pattern IPERF3_READY = Pattern.compile("Server listening on (\\d+)");

    private PeerDaemons() {
    }

    /** An rsync daemon whose module {@code inbox} writes into {@code inbox}. */
    static ChildServer rsync(Path work, Path inbox, int port) throws IOException, InterruptedException {
        Files.createDirectories(inbox);
        StringBuilder config = new StringBuilder()
                .append("port = ").append(port).append('\n')
                .append("address = 127.0.0.1\n")
                .append("use chroot = no\n")
                .append("[inbox]\n")
                .append("path = ").append(inbox.toAbsolutePath()).append('\n')
                .append("read only = no\n");
        if ("root".equals(System.getProperty("user.name"))) {
            // As root the daemon would otherwise write as nobody, who cannot write the inbox.
            config.append("uid = root\ngid = root\n");
        }
        Path file = Files.writeString(work.resolve("rsyncd.conf"), config);
        return started(ChildCommand.of("rsync", "--daemon", "--no-detach", "--config=" + file,
                "--log-file=/dev/stderr"), RSYNCD_READY);
    }

    /** An sshd that lets this user in with {@code clientKey} only; host and client keys made here. */
    static ChildServer sshd(Path work, Path clientKey, int port) throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(SSHD_PRIVSEP_FOLDER)) {
            throw new ChildFailedException("sshd needs its folder " + SSHD_PRIVSEP_FOLDER
                    + ", which its service normally creates (mkdir -p " + SSHD_PRIVSEP_FOLDER + ")");
        }
        Path hostKey = work.resolve("ssh_host_ed25519_key");
        keyPair(hostKey);
        keyPair(clientKey);
        Path authorized = Files.copy(Path.of(clientKey + ".pub"), work.resolve("authorized_keys"));
        String config = "Port " + port + "\n"
                + "ListenAddress 127.0.0.1\n"
                + "HostKey " + hostKey.toAbsolutePath() + "\n"
                + "PidFile " + work.resolve("sshd.pid").toAbsolutePath() + "\n"
                + "AuthorizedKeysFile " + authorized.toAbsolutePath() + "\n"
                + "StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                + "PermitRootLogin prohibit-password\nSubsystem sftp internal-sftp\n";
        Path file = Files.writeString(work.resolve("sshd_config"), config);
        // sshd re-executes itself and insists on an absolute path to do so.
        String sshd = Executables.find("sshd").orElseThrow().toString();
        return started(ChildCommand.of(sshd, "-D", "-e", "-f", file.toAbsolutePath().toString()), SSHD_READY);
    }

    private static void keyPair(Path key) throws IOException, InterruptedException {
        ChildRunner.runOk(ChildCommand.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .withTimeout(START_TIMEOUT));
    }

    /** An iperf3 server that takes one test after another. */
    static ChildServer iperf3(int port) throws IOException, InterruptedException {
        return started(ChildCommand.of("iperf3", "-s", "-p", String.valueOf(port), "-B", "127.0.0.1",
                "--forceflush"), IPERF3_READY);
    }

    private static ChildServer started(ChildCommand command, Pattern ready) throws IOException, InterruptedException {
        ChildServer server = ChildServer.start(command);
        try {
            server.awaitLine(ready, START_TIMEOUT);
            return server;
        } catch (ChildFailedException e) {
            server.close();
            throw e;
        }
    }
}
