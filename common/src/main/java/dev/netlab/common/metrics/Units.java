package dev.netlab.common.metrics;

import java.util.Locale;

/** Human formatting of sizes, rates and durations, as users of iperf3 and rsync read them. */
public final class Units {

    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** {@code 1536} becomes {@code "1.50 KiB"}; below 1 KiB, whole bytes. */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, BINARY_UNITS[unit]);
    }

    /** Both the file-size view and the network view: {@code "812.3 MiB/s (6.81 Gbit/s)"}. */
    public static String formatRate(double bytesPerSecond) {
        double mib = bytesPerSecond / (1024 * 1024);
        double bits = bytesPerSecond * 8;
        String network = bits >= 1e9
                ? String.format(Locale.ROOT, "%.2f Gbit/s", bits / 1e9)
                : String.format(Locale.ROOT, "%.1f Mbit/s", bits / 1e6);
        return String.format(Locale.ROOT, "%.1f MiB/s (%s)", mib, network);
    }

    /** {@code 0.25} becomes {@code "250 ms"}, {@code 3.5} becomes {@code "3.50 s"}. */
    public static String formatSeconds(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
