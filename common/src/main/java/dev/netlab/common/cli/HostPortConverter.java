package dev.netlab.common.cli;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Lets a picocli argument take {@code HOST:PORT} ({@link HostPort#parse}) and resolves the host
 * at once, so bad syntax and an unknown host are both usage errors (exit 2) naming the argument.
 */
public final class HostPortConverter implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        try {
            return HostPort.resolve(HostPort.parse(value));
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
