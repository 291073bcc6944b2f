package dev.netlab.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in headless Chromium, as a user's browser would, and reports every image it
 * decoded: alt text to natural width and height (0x0 for an image that did not decode). Pages
 * under test have no script; the page is loaded in an iframe of a wrapper page whose script
 * writes the sizes into the DOM that {@code --dump-dom} prints. The browser gets a fresh
 * profile and every background service off, so it touches no network.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern VERDICT = Pattern.compile("<p id=\"verdict\">([^<]*)</p>");
    private static final Pattern IMAGE = Pattern.compile("([^|=]+)=(\\d+)x(\\d+)");

    private static final String WRAPPER = """
            <!DOCTYPE html>
            <html><body><p id="verdict">page did not load</p>
            <iframe id="page" src="PAGE" width="1000" height="800"></iframe>
            <script>
            document.getElementById('page').addEventListener('load', function () {
              var images = this.contentDocument.querySelectorAll('img');
              var seen = [];
              for (var i = 0; i < images.length; i++) {
                seen.push(images[i].alt + '=' + images[i].naturalWidth + 'x' + images[i].naturalHeight);
              }
              document.getElementById('verdict').textContent = seen.join('|');
            });
            </script></body></html>
            """;

    private HeadlessChromium() {
    }

    /** Empty when Chromium is installed; otherwise the reason a test skips with. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(CHROMIUM) ? Optional.empty()
                : Optional.of("skipping browser test: " + CHROMIUM + " not installed (apt-get install chromium)");
    }

    /**
     * The images of {@code page} (a file in {@code scratch}) as the browser decoded them, in page
     * order; {@code scratch} also takes the wrapper page and the browser profile.
     */
    public static Map<String, int[]> decodedImages(Path page, Path scratch) throws IOException, InterruptedException {
        Path wrapper = Files.writeString(scratch.resolve("chromium-wrapper.html"),
                WRAPPER.replace("PAGE", page.getFileName().toString()));
        String dom = dumpDom(wrapper, scratch.resolve("chromium-profile"));
        Matcher verdict = VERDICT.matcher(dom);
        if (!verdict.find()) {
            throw new IOException("chromium printed no verdict: " + dom);
        }
        Map<String, int[]> images = new LinkedHashMap<>();
        Matcher image = IMAGE.matcher(verdict.group(1));
        while (image.find()) {
            images.put(image.group(1), new int[] {Integer.parseInt(image.group(2)), Integer.parseInt(image.group(3))});
        }
        return images;
    }

    /** The DOM of {@code page} after loading, as {@code chromium --dump-dom} prints it. */
    public static String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".dom");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000",
                "--dump-dom", page.toUri().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (chromium.exitValue() != 0) {
                throw new IOException("chromium exited " + chromium.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            chromium.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
