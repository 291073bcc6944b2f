package dev.netlab.common.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link RunReport}s as JSON. Reading tolerates unknown fields, so a report
 * written by a newer netlab still opens in an older {@code compare}. Writing goes through a
 * temporary file and a rename, so a report file is never seen half-written.
 */
public final class RunReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RunReportJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(RunReport report) throws IOException {
        return MAPPER.writeValueAsString(report);
    }

    public static void write(RunReport report, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = Files.createTempFile(parent, "." + absolute.getFileName(), ".tmp");
        try {
            MAPPER.writeValue(temporary.toFile(), report);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static RunReport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such report file");
        }
        try {
            return MAPPER.readValue(file.toFile(), RunReport.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a netlab run report: " + e.getOriginalMessage(), e);
        }
    }

    public static RunReport parse(String json) throws IOException {
        return MAPPER.readValue(json, RunReport.class);
    }
}
