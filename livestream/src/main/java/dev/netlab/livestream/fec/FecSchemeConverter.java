package dev.netlab.livestream.fec;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Lets a picocli option take a {@link FecScheme} ({@code --fec xor-2d:5x5}); a bad spec becomes a
 * usage error (exit 2) whose message names the accepted forms.
 */
public final class FecSchemeConverter implements ITypeConverter<FecScheme> {

    @Override
    public FecScheme convert(String value) {
        try {
            return FecScheme.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
