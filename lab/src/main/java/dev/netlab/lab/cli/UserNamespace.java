package dev.netlab.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the lab again inside an unprivileged user namespace, for a user who is not root: there
 * {@code unshare --user --map-root-user --net --mount} makes the process root over namespaces of
 * its own (where the system allows unprivileged user namespaces), which is all the link needs.
 * A tmpfs over /run/netns (or over /run, where that folder does not exist yet) gives
 * {@code ip netns} a place for its names that only this run sees; everything the run makes
 * disappears with the namespace when it ends, interrupted or not.
 */
final class UserNamespace {

    /** Set in the re-run's environment, so a run that still cannot make namespaces there does not try again. */
    static final String INSIDE = "NETLAB_LAB_IN_USER_NAMESPACE";

    /** Mounts the private /run/netns, then runs the command given after it. */
    private static final String MOUNT_THEN_RUN = "mount -t tmpfs netlab /run/netns 2>/dev/null"
            + " || { mount -t tmpfs netlab /run && mkdir /run/netns; } || exit 2; exec \"$@\"";

    private UserNamespace() {
    }

    /**
     * The command that re-runs {@code args} of this JVM's main class in a user namespace, or
     * empty when that cannot help: already root, already inside one, or no {@code unshare}.
     */
    static Optional<List<String>> rerunCommand(String mainClass, List<String> args) {
        if (isRoot() || System.getenv(INSIDE) != null) {
            return Optional.empty();
        }
        Optional<Path> unshare = Optional.of(Path.of("/usr/bin/unshare")).filter(Files::isExecutable);
        Optional<String> java = ProcessHandle.current().info().command();
        if (unshare.isEmpty() || java.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(command(unshare.get().toString(), java.get(), System.getProperty("java.class.path"),
                mainClass, args));
    }

    static List<String> command(String unshare, String java, String classPath, String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(unshare, "--user", "--map-root-user", "--net", "--mount",
                "sh", "-c", MOUNT_THEN_RUN, "sh", java, "-cp", classPath, mainClass));
        argv.addAll(args);
        return argv;
    }

    /** Runs {@code command} with this process's standard streams; its exit code. */
    static int run(List<String> command) throws java.io.IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(INSIDE, "1");
        Process process = builder.start();
        try {
            return process.waitFor();
        } finally {
            process.destroy();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
