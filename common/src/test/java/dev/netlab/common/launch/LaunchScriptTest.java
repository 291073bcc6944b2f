package dev.netlab.common.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code bin/} launchers as a user runs them: the real {@code bin/netlab-launch} and a thin
 * launcher made exactly like {@code bin/filetransfer}, over a small tool jar, on every installed
 * Java it supports (the one running the tests, and a Java 25+ under /usr/lib/jvm when there is
 * one). Each test has its own cache folder.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LaunchScriptTest {

    private static final Path REPO_BIN = Path.of("..", "bin").toAbsolutePath().normalize();
    private static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");
    private static final String PROBE_CLASS = LaunchProbe.class.getName();

    @TempDir
    Path home;

    private Path cache;
    private Path jar;

    @BeforeEach
    void installToolBesideTheRealLaunchScript() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.copy(REPO_BIN.resolve("netlab-launch"), bin.resolve("netlab-launch"));
        writeThinLauncher(PROBE_CLASS);
        jar = home.resolve("probe/target/probe.jar");
        writeJar("build 1");
        cache = home.resolve("cache");
    }

    static Stream<String> javas() throws IOException {
        List<String> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path java25 = systemJava25();
        if (java25 != null) {
            javas.add(java25.toString());
        }
        return javas.stream();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void passesArgumentsOutputAndExitCodeThrough(String java) throws Exception {
        Run run = launch(Map.of("NETLAB_JAVA", java), "3", "two words");

        assertThat(run.exitCode).isEqualTo(3);
        assertThat(run.out).contains("arg 3\n", "arg two words\n");
        assertThat(run.err).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void makesACacheOnFirstRunAndStartsFromItAfter(String java) throws Exception {
        Run first = launch(Map.of("NETLAB_JAVA", java), "0");
        Path made = onlyCache();
        Run second = launch(Map.of("NETLAB_JAVA", java), "0");

        assertThat(first.exitCode).isZero();
        assertThat(first.err).isEmpty();
        assertThat(made.getFileName().toString()).startsWith("probe-").endsWith(featureOf(java) >= 25 ? ".aot" : ".jsa");
        assertThat(second.out).contains("flag " + cacheFlag(java) + made + "\n");
        assertThat(second.err).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void makesANewCacheWhenTheJarIsRebuilt(String java) throws Exception {
        launch(Map.of("NETLAB_JAVA", java), "0");
        Path before = onlyCache();
        writeJar("build 2");
        Run rebuilt = launch(Map.of("NETLAB_JAVA", java), "0");

        Path after;
        try (Stream<Path> files = Files.list(cache)) {
            after = files.filter(f -> isCache(f) && !f.equals(before)).findFirst().orElseThrow();
        }
        assertThat(rebuilt.out).contains("flag " + cacheFlag(java) + after + "\n").doesNotContain(before.toString());
        assertThat(rebuilt.err).isEmpty();
    }

    @Test
    void aCacheThatCannotBeMadeIsOneNoteAndNeverFailsTheCommand() throws Exception {
        writeThinLauncher("dev.netlab.NoSuchTrainingClass");
        Map<String, String> env = Map.of("NETLAB_JAVA", javas().findFirst().orElseThrow());

        Run first = launch(env, "4");
        Run second = launch(env, "4");

        assertThat(first.exitCode).isEqualTo(4);
        assertThat(first.err).startsWith("note: could not make a start-up cache for probe (see ").hasLineCount(1);
        assertThat(first.out).doesNotContain("AOTCache", "SharedArchiveFile");
        assertThat(second.exitCode).isEqualTo(4);
        assertThat(second.err).isEmpty();
    }

    @Test
    void aCacheFolderThatCannotBeCreatedIsOneNote() throws Exception {
        Files.writeString(home.resolve("not-a-folder"), "x");
        Run run = launch(Map.of("NETLAB_JAVA", javas().findFirst().orElseThrow(),
                "NETLAB_CACHE_DIR", home.resolve("not-a-folder/cache").toString()), "0");

        assertThat(run.exitCode).isZero();
        assertThat(run.err).startsWith("note: cannot create ").hasLineCount(1);
    }

    @Test
    void choosesAJava25FromTheSystemFolderOverAnOlderJavaHome() throws Exception {
        assumeTrue(systemJava25() != null, "no Java 25 or newer under /usr/lib/jvm");
        Run run = launch(Map.of("JAVA_HOME", System.getProperty("java.home"), "NETLAB_AOT", "off"), "0");

        assertThat(run.out).containsPattern("^java (2[5-9]|[3-9][0-9])\n");
    }

    @Test
    void aMissingJarIsOneErrorLineWithTheBuildCommand() throws Exception {
        Files.delete(jar);
        Run run = launch(Map.of(), "0");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).matches("error: \\S*/probe/target/probe.jar not found; build it first: "
                + "\\(cd \\S* && mvn -B -ntp -q package -DskipTests\\)\n").hasLineCount(1);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/probe").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("NETLAB_") || name.equals("JAVA_HOME")
                || name.equals("JAVA_TOOL_OPTIONS"));
        environment.put("NETLAB_CACHE_DIR", cache.toString());
        environment.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> readQuietly(err));
            String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("launcher finished").isTrue();
            return new Run(process.exitValue(), outText, errText.join());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readQuietly(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void writeThinLauncher(String trainingClass) throws IOException {
        String real = Files.readString(REPO_BIN.resolve("filetransfer"));
        String probe = real.replace("netlab_launch filetransfer dev.netlab.filetransfer.cli.StartupTraining",
                "netlab_launch probe " + trainingClass);
        assertThat(probe).as("bin/filetransfer's last line as expected").isNotEqualTo(real);
        Path launcher = home.resolve("bin/probe");
        Files.writeString(launcher, probe);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A self-contained jar (the JVM caches classes only from jars): the probe and a build label. */
    private void writeJar(String label) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PROBE_CLASS);
        Files.createDirectories(jar.getParent());
        String classFile = PROBE_CLASS.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream probe = LaunchProbe.class.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            probe.transferTo(out);
            out.putNextEntry(new JarEntry("build.txt"));
            out.write(label.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path onlyCache() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> caches = files.filter(LaunchScriptTest::isCache).toList();
            assertThat(caches).hasSize(1);
            return caches.get(0);
        }
    }

    private static boolean isCache(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".aot") || name.endsWith(".jsa");
    }

    private static String cacheFlag(String java) throws IOException {
        return featureOf(java) >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    }

    private static int featureOf(String java) throws IOException {
        Path release = Path.of(java).toRealPath().getParent().getParent().resolve("release");
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                return Integer.parseInt(line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0]);
            }
        }
        throw new IllegalStateException("no JAVA_VERSION in " + release);
    }

    private static Path systemJava25() throws IOException {
        if (!Files.isDirectory(SYSTEM_JVMS)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(SYSTEM_JVMS)) {
            for (Path jvm : homes.sorted().toList()) {
                Path java = jvm.resolve("bin/java");
                if (Files.isRegularFile(jvm.resolve("release")) && Files.isExecutable(java) && featureOf(java.toString()) >= 25) {
                    return java;
                }
            }
        }
        return null;
    }
}
