package dev.netlab.common.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a probability written as {@code 5%} or {@code 0.05} into a fraction between 0 and 1.
 */
public final class PercentConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        return parse(value);
    }

    public static double parse(String value) {
        String text = value.trim();
        boolean percent = text.endsWith("%");
        try {
            double number = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text);
            double fraction = percent ? number / 100 : number;
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new NumberFormatException();
            }
            return fraction;
        } catch (NumberFormatException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a percentage between 0% and 100% (examples: 5%, 0.05)");
        }
    }
}
