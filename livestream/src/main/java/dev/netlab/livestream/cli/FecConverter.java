package dev.netlab.livestream.cli;

import dev.netlab.livestream.fec.FecScheme;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --fec SCHEME} with the FEC package's own message on a bad spec. */
public final class FecConverter implements ITypeConverter<FecScheme> {

    @Override
    public FecScheme convert(String value) {
        try {
            return FecScheme.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
