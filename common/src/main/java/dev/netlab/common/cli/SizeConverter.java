package dev.netlab.common.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses sizes as DESIGN.md writes them: {@code 512}, {@code 64k}, {@code 1m}, {@code 2g}. Units
 * are binary (k = 1024), as file sizes are; an optional trailing {@code b} or {@code ib} is
 * accepted ({@code 64KiB}).
 */
public final class SizeConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    public static long parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("ib")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("b")) {
            text = text.substring(0, text.length() - 1);
        }
        int shift = -1;
        if (!text.isEmpty()) {
            switch (text.charAt(text.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = -1;
            }
        }
        String digits = shift >= 0 ? text.substring(0, text.length() - 1) : text;
        try {
            long number = Long.parseLong(digits);
            if (number < 0 || Long.numberOfLeadingZeros(number) <= Math.max(shift, 0)) {
                throw new NumberFormatException();
            }
            return number << Math.max(shift, 0);
        } catch (NumberFormatException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a size (examples: 512, 64k, 1m, 2g)");
        }
    }
}
