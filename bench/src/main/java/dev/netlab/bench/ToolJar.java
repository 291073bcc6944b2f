package dev.netlab.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a benchmark starts the tool it measures as a child process: {@code java -jar JAR}, with the
 * jar the benchmark itself was loaded from unless told otherwise, and the same Java that runs it.
 * The child gets its own {@code user.home}, so trust stores or settings a run creates never land
 * in the user's real home.
 */
public record ToolJar(Path java, Path jar, Path home) {

    /** A JVM start and a help text, with room for a machine busy building. */
    static final Duration HELP_TIMEOUT = Duration.ofSeconds(60);

    /** The jar {@code type} was loaded from, if it was loaded from a jar rather than a classes folder. */
    public static Optional<Path> containing(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The jar to measure: {@code chosen} when the user named one, else the jar {@code type} was
     * loaded from.
     *
     * @throws IllegalArgumentException naming what is wrong, for the command to report as a usage error
     */
    public static Path resolve(Path chosen, Class<?> type, String jarName) {
        if (chosen != null) {
            if (!Files.isRegularFile(chosen)) {
                throw new IllegalArgumentException("--jar " + chosen + ": no such file");
            }
            return chosen;
        }
        return containing(type).orElseThrow(() -> new IllegalArgumentException(
                "not running from " + jarName + ": say which jar to measure with --jar"));
    }

    /** The java launcher of this JVM. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code java -Duser.home=HOME -jar JAR ARGS...} */
    public ChildCommand command(String... args) {
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-Duser.home=" + home, "-jar", jar.toString()));
        argv.addAll(List.of(args));
        return ChildCommand.of(argv);
    }

    /** Whether {@code SUBCOMMAND --help} of this jar mentions {@code option}: how optional features are detected. */
    public boolean helpMentions(String subcommand, String option) throws IOException, InterruptedException {
        ChildRun help = ChildRunner.run(command(subcommand, "--help").withTimeout(HELP_TIMEOUT));
        return help.succeeded() && (help.stdout() + help.stderr()).contains(option);
    }
}
