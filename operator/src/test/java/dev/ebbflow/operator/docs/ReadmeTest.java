package dev.ebbflow.operator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ebbflow.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README against the repository it describes: its layout table, its links, the chart's values. */
class ReadmeTest {

    private static final Path ROOT = RepositoryFiles.directory("deploy").getParent();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static List<String> readme() throws IOException {
        return Files.readAllLines(ROOT.resolve("README.md"));
    }

    /** The table rows of the README section {@code heading}, each split into its cells. */
    private static List<List<String>> table(String heading) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : readme()) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## " + heading);
            } else if (inSection && line.startsWith("|") && !line.startsWith("|---")) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|", -1)) {
                    cells.add(cell.trim());
                }
                rows.add(cells);
            }
        }
        return rows.subList(Math.min(1, rows.size()), rows.size());
    }

    private static List<String> codeSpans(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theLayoutTableListsEveryTopLevelEntry() throws IOException {
        List<String> listed = table("Layout").stream().flatMap(r -> codeSpans(r.get(0)).stream()).map(e -> e.replaceAll("/$", "")).toList();
        List<PathMatcher> ignored = Files.readAllLines(ROOT.resolve(".gitignore")).stream().filter(l -> !l.isBlank())
                .map(l -> FileSystems.getDefault().getPathMatcher("glob:" + l.replaceAll("^/|/$", ""))).toList();
        try (Stream<Path> entries = Files.list(ROOT)) {
            List<String> top = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".git"))
                    .filter(n -> ignored.stream().noneMatch(m -> m.matches(Path.of(n)))).sorted().toList();
            assertThat(top).isNotEmpty();
            assertThat(listed.stream().map(e -> e.split("/")[0]).toList()).as("the README's Layout table").containsAll(top);
        }
        // And nothing it lists is gone (src/test and deploy/helm/ebbflow are listed by their inner folder).
        for (String entry : listed) {
            assertThat(ROOT.resolve(entry)).as(entry).exists();
        }
    }

    @Test
    void noLinePointsOutsideTheRepository() throws IOException {
        Pattern outside = Pattern.compile("\\.\\./|\\]\\(/|(?<![\\w.])/(work|home|root|tmp)/");
        List<String> lines = readme();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(outside.matcher(lines.get(i)).find()).as("README.md line " + (i + 1) + ": " + lines.get(i)).isFalse();
        }
        Matcher links = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(String.join("\n", lines));
        while (links.find()) {
            String target = links.group(1);
            if (!target.matches("[a-z]+://.*")) {
                assertThat(ROOT.resolve(target)).as("link " + target).exists();
            }
        }
    }

    @Test
    void theConfigurationTableGivesTheChartsValues() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("deploy/helm/ebbflow/values.yaml").toFile());
        int checked = 0;
        for (List<String> row : table("Configuration")) {
            for (String setting : codeSpans(row.get(2))) {
                int colon = setting.indexOf(": ");
                String key = setting.substring(0, colon);
                JsonNode node = values.at("/" + key.replace('.', '/'));
                assertThat(node.isMissingNode()).as("values.yaml has " + key).isFalse();
                String actual = node.isContainerNode() ? node.toString().replace(",", ", ") : node.asText();
                assertThat(actual).as("README's chart value of " + key).isEqualTo(setting.substring(colon + 2));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }
}
