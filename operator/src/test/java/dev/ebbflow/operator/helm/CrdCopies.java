package dev.ebbflow.operator.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Compares the generated CRD files (*-v1.yml) of two folders: the repository's and the chart's copy. */
final class CrdCopies {

    private CrdCopies() {
    }

    /** Every file missing from, extra in, or different in {@code copy}; empty when in sync. */
    static List<String> differences(Path original, Path copy) throws IOException {
        Map<String, String> expected = crdFiles(original);
        Map<String, String> actual = crdFiles(copy);
        List<String> problems = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            if (!actual.containsKey(name)) {
                problems.add(name + " is missing from " + copy);
            } else if (!expected.containsKey(name)) {
                problems.add(name + " is in " + copy + " but not in " + original);
            } else if (!expected.get(name).equals(actual.get(name))) {
                problems.add(name + " differs from " + original.resolve(name));
            }
        }
        return problems;
    }

    /** The *-v1.yml files directly in a folder, by name; a missing folder holds none. */
    static Map<String, String> crdFiles(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(f -> f.getFileName().toString().endsWith("-v1.yml")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }
}
