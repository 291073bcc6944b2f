package dev.netlab.filetransfer.pairing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The word list pairing codes are drawn from: {@value #SIZE} common English words of 3 to 7
 * letters, written for netlab (no outside list, so no licence to carry), one per line in
 * {@code words.txt}. Each word carries 11 bits; a code's three words carry 33.
 */
final class PairingWords {

    static final int SIZE = 2048;
    private static final List<String> WORDS = load();

    private PairingWords() {
    }

    static String word(int index) {
        return WORDS.get(index);
    }

    private static List<String> load() {
        try (InputStream in = PairingWords.class.getResourceAsStream("words.txt")) {
            if (in == null) {
                throw new IllegalStateException("words.txt is missing from the pairing package");
            }
            List<String> words = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines()
                    .map(String::strip).filter(w -> !w.isEmpty()).toList();
            if (words.size() != SIZE || words.stream().distinct().count() != SIZE) {
                throw new IllegalStateException("words.txt holds " + words.size() + " words, expected " + SIZE + " distinct");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
