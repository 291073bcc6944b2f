package dev.netlab.filetransfer.pairing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pairing code as a person reads it aloud, e.g. {@code 4721-maple-otter-quartz}: four digits of
 * rendezvous id, which the server announces so the client can find it (not secret), then words,
 * which never cross the wire (the secret). A generated code has {@value #GENERATED_WORDS} words
 * from {@link PairingWords}: 33 bits, against which an online guesser gets
 * {@link PairingCodeKeeper#MAX_FAILED_ATTEMPTS} tries before the code is retired. Immutable.
 */
public final class PairingCode {

    static final int GENERATED_WORDS = 3;
    /** A code the user sets may have its own words, but at least two, of letters only. */
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})((-[a-z]{2,16}){2,8})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int rendezvousId;
    private final String text;

    private PairingCode(int rendezvousId, String text) {
        this.rendezvousId = rendezvousId;
        this.text = text;
    }

    /** A fresh random code. */
    public static PairingCode generate() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%04d", RANDOM.nextInt(10_000)));
        for (int i = 0; i < GENERATED_WORDS; i++) {
            text.append('-').append(PairingWords.word(RANDOM.nextInt(PairingWords.SIZE)));
        }
        return parse(text.toString());
    }

    /**
     * Parses a code as typed: case and the separators between words (dashes, spaces) do not matter.
     *
     * @throws IllegalArgumentException with the expected shape; the message never repeats the words
     */
    public static PairingCode parse(String typed) {
        String normal = String.join("-", List.of(typed.strip().toLowerCase(Locale.ROOT).split("[\\s-]+")));
        var matcher = FORMAT.matcher(normal);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a pairing code is four digits and two to eight words of letters,"
                    + " e.g. 4721-maple-otter-quartz");
        }
        return new PairingCode(Integer.parseInt(matcher.group(1)), normal);
    }

    /** The code in the first line of {@code file}. */
    public static PairingCode readFile(Path file) throws IOException {
        String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        try {
            return parse(first);
        } catch (IllegalArgumentException e) {
            throw new IOException("code file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The non-secret part, announced on the LAN. */
    public int rendezvousId() {
        return rendezvousId;
    }

    /** The J-PAKE password: the whole normalised code. The caller clears it after use. */
    char[] secret() {
        return text.toCharArray();
    }

    /** For the server's one {@code pairing code:} line; nothing else prints a code. */
    public String reveal() {
        return text;
    }

    /** Never the words: a code in a log or stack trace would give it away. */
    @Override
    public String toString() {
        return "pairing code " + String.format(Locale.ROOT, "%04d", rendezvousId) + "-…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PairingCode c && Arrays.equals(text.toCharArray(), c.text.toCharArray());
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
