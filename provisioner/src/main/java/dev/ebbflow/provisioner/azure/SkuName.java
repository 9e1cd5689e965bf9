package dev.ebbflow.provisioner.azure;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an Azure VM size name, e.g. {@code Standard_D4pds_v5}: family {@code D}, series
 * {@code Dpds_v5}, version {@code 5} (1 when the name has none), and an accelerator such as
 * {@code A100} in {@code Standard_NC24ads_A100_v4}.
 */
public record SkuName(String name, String family, String series, int version, Optional<String> accelerator) {

    private static final Pattern SIZE = Pattern.compile(
            "^Standard_([A-Z]+)(\\d+)(-\\d+)?([a-z]*)(?:_(?!v\\d+$)([A-Za-z0-9]+))?(?:_v(\\d+))?$");

    public static Optional<SkuName> parse(String name) {
        Matcher m = SIZE.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String family = m.group(1);
        String features = m.group(4);
        String accelerator = m.group(5);
        String versionText = m.group(6);
        int version = versionText == null ? 1 : Integer.parseInt(versionText);
        String series = family + features + (accelerator == null ? "" : "_" + accelerator) + (versionText == null ? "" : "_v" + version);
        return Optional.of(new SkuName(name, family, series, version, Optional.ofNullable(accelerator).map(a -> a.toUpperCase(Locale.ROOT))));
    }
}
