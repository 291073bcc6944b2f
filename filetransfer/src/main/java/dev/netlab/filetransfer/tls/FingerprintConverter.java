package dev.netlab.filetransfer.tls;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --tls-pin SHA256:<base64>}; a malformed pin is a usage error (exit 2). */
public final class FingerprintConverter implements ITypeConverter<Fingerprint> {

    @Override
    public Fingerprint convert(String value) {
        try {
            return Fingerprint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
