package dev.ebbflow.operator.autoscaling.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of the bad-input corpus ({@code src/test/resources/bad-input/<id>.yaml}): a malformed
 * ScaledObject named {@code ${CASE}} with whatever it refers to, and the field path its Ready
 * condition must name ({@code # field:} header line). See the corpus README for the placeholders.
 *
 * @param id the file name without {@code .yaml}; also the ScaledObject's name
 * @param field the path that the Ready=False message and the Event must contain
 * @param hasScaleTarget whether the test adds the standard Deployment {@code ${CASE}}: not when the file says
 *     {@code # scale-target: none} or brings its own Deployment
 * @param documents the YAML documents, placeholders not yet substituted
 */
record BadInputCase(String id, String description, String field, boolean hasScaleTarget, List<String> documents) {

    static final String DIRECTORY = "bad-input";
    private static final Pattern HEADER = Pattern.compile("^#\\s*([a-z-]+):\\s*(.*)$");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    /** Every case of the corpus, in file-name order. */
    static List<BadInputCase> all() {
        URL dir = BadInputCase.class.getClassLoader().getResource(DIRECTORY);
        if (dir == null) {
            throw new IllegalStateException("no " + DIRECTORY + " directory on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().map(BadInputCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static BadInputCase read(Path file) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".yaml".length());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String description = null;
        String field = null;
        boolean noTarget = false;
        for (String line : text.lines().toList()) {
            Matcher m = HEADER.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            switch (m.group(1)) {
                case "case" -> description = m.group(2).trim();
                case "field" -> field = m.group(2).trim();
                case "scale-target" -> noTarget = "none".equals(m.group(2).trim());
                default -> {
                    // other comment lines are prose
                }
            }
        }
        if (field == null || field.isEmpty() || description == null) {
            throw new IllegalStateException(name + ": needs '# case:' and '# field:' header lines");
        }
        List<String> documents = new ArrayList<>();
        for (String doc : DOCUMENT_SEPARATOR.split(text)) {
            if (doc.lines().anyMatch(l -> !l.isBlank() && !l.trim().startsWith("#"))) {
                documents.add(doc);
            }
        }
        boolean ownDeployment = documents.stream().anyMatch(d -> d.lines().anyMatch(l -> l.trim().equals("kind: Deployment")));
        return new BadInputCase(id, description, field, !noTarget && !ownDeployment, List.copyOf(documents));
    }

    /** The documents with every {@code ${NAME}} replaced from {@code values}, and {@code ${CASE}} by the id. */
    List<String> substituted(Map<String, String> values) {
        return documents.stream().map(d -> {
            String out = d.replace("${CASE}", id);
            for (Map.Entry<String, String> e : values.entrySet()) {
                out = out.replace("${" + e.getKey() + "}", e.getValue());
            }
            if (out.contains("${")) {
                throw new IllegalStateException(id + ": unknown placeholder in " + out);
            }
            return out;
        }).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
