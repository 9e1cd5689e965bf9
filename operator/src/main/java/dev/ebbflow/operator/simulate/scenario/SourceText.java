package dev.ebbflow.operator.simulate.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the text files of a scenario (the scenario, its manifests, CSV traces), turning every way
 * they can be unreadable into a {@link ScenarioException} a user can act on: missing, a directory,
 * binary, not UTF-8, or YAML with a syntax error at a line and column.
 */
final class SourceText {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SourceText() {
    }

    static String read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ScenarioException(file, "", "is a directory, not a file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file, "", "file not found");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(file, "", "permission denied");
        } catch (IOException e) {
            throw new ScenarioException(file, "", "cannot read: " + e.getMessage());
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ScenarioException(file, "", "a binary file (a NUL byte at offset " + i + "), not text");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new ScenarioException(file, "line " + lineOf(bytes, at), "not UTF-8 text (byte 0x%02x at offset %d); save it as UTF-8"
                    .formatted(bytes[at] & 0xff, at));
        }
        return out.flip().toString();
    }

    /** The documents of a YAML file in order, {@code null} for an empty one. */
    static List<JsonNode> yamlDocuments(Path file) {
        String text = read(file);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw syntaxError(file, e);
        }
        return docs;
    }

    private static ScenarioException syntaxError(Path file, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // SnakeYAML says what it was parsing (the context) and what it found there (the problem).
            if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                String what = yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem();
                return located(file, yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1, what);
            }
            if (cause instanceof JsonProcessingException jpe && jpe.getLocation() != null && jpe.getLocation() != JsonLocation.NA
                    && !(jpe.getCause() instanceof MarkedYAMLException)) {
                return located(file, jpe.getLocation().getLineNr(), jpe.getLocation().getColumnNr(), jpe.getOriginalMessage());
            }
        }
        return new ScenarioException(file, "", "not valid YAML: " + firstLine(e.getMessage()));
    }

    private static ScenarioException located(Path file, int line, int column, String problem) {
        return new ScenarioException(file, "line " + line + ", column " + column, "not valid YAML: " + firstLine(problem));
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
