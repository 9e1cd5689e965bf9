package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassSpec;
import dev.ebbflow.crds.azure.NodeImage;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node images of a node class, one per architecture: the release pinned by
 * {@code --azure-node-image-version}, or else the newest version of each image definition in AKS's
 * community galleries (Community Gallery Image Versions list, newest by published date, as AKS's
 * Karpenter provider picks it; versions excluded from latest or past their end of life are passed
 * over). A definition's newest version is read on first use and again once older than the refresh
 * period. A refresh that fails (unreachable, throttled past the retries) keeps the version read
 * before; a definition the gallery answers 404 for, or lists no usable version of, is unavailable at once,
 * and is asked about again only after {@link #RETRY_UNAVAILABLE} (the status pass runs every few seconds).
 */
public final class AksImageVersions {

    static final String GALLERY_API_VERSION = "2024-03-03";
    static final Duration RETRY_UNAVAILABLE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AksImageVersions.class);

    private record Latest(String version, Instant at) {
    }

    private record Failed(Unavailable why, Instant at) {
    }

    /** Why a definition has no version to boot. */
    private static final class Unavailable extends Exception {
        final String reason;

        Unavailable(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private final ArmClient arm;
    private final AzureConfig config;
    private final Clock clock;
    private final Map<AksNodeImages.Definition, Latest> latest = new HashMap<>();
    private final Map<AksNodeImages.Definition, Failed> failed = new HashMap<>();

    public AksImageVersions(ArmClient arm, AzureConfig config, Clock clock) {
        this.arm = arm;
        this.config = config;
        this.clock = clock;
    }

    /** The images nodes of this class boot, one per architecture, each required by its {@code kubernetes.io/arch}. */
    public List<NodeImage> images(AKSNodeClass nodeClass) throws AksImagesUnavailableException {
        AKSNodeClassSpec spec = nodeClass.getSpec();
        List<NodeImage> images = new ArrayList<>();
        for (String arch : AksNodeImages.ARCHITECTURES) {
            AksNodeImages.Definition definition = AksNodeImages.definition(spec, arch);
            String version;
            try {
                version = config.pinnedNodeImageVersion().isPresent() ? config.pinnedNodeImageVersion().get() : newest(definition);
            } catch (Unavailable e) {
                throw new AksImagesUnavailableException(nodeClass.getMetadata().getName(), e.reason,
                        spec.imageFamilyOrDefault() + (spec.fips() ? " (FIPS)" : "") + ": " + e.getMessage());
            }
            images.add(new NodeImage(definition.versionId(version),
                    List.of(new NodeSelectorRequirement(KarpenterLabels.ARCH, "In", List.of(arch)))));
        }
        return images;
    }

    /** The image of {@code images} whose requirements admit an instance of that architecture. */
    public static Optional<String> imageFor(List<NodeImage> images, String architecture) {
        return images.stream().filter(i -> i.getRequirements() != null && i.getRequirements().stream()
                        .allMatch(r -> !KarpenterLabels.ARCH.equals(r.getKey()) || r.getValues().contains(architecture)))
                .map(NodeImage::getId).findFirst();
    }

    private synchronized String newest(AksNodeImages.Definition definition) throws Unavailable {
        Latest known = latest.get(definition);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.at().plus(config.catalogRefresh()))) {
            return known.version();
        }
        Failed lastFailure = failed.get(definition);
        if (lastFailure != null && now.isBefore(lastFailure.at().plus(RETRY_UNAVAILABLE))) {
            throw lastFailure.why();
        }
        try {
            return read(definition, known, now);
        } catch (Unavailable e) {
            failed.put(definition, new Failed(e, now));
            throw e;
        }
    }

    private String read(AksNodeImages.Definition definition, Latest known, Instant now) throws Unavailable {
        try {
            String version = newestListed(definition, now);
            if (known == null || !known.version().equals(version)) {
                LOG.info("newest AKS node image of {} in {}: {}", definition, config.location(), version);
            }
            latest.put(definition, new Latest(version, now));
            failed.remove(definition);
            return version;
        } catch (ArmException e) {
            if (e.notFound()) {
                latest.remove(definition);
                throw new Unavailable(AksImagesUnavailableException.REASON_NOT_FOUND, "image " + definition + " not found in "
                        + config.location() + " (" + e.getMessage() + ")");
            }
            if (known != null) {
                LOG.warn("reading the versions of {} failed, keeping {} read at {}: {}", definition, known.version(), known.at(), e.getMessage());
                return known.version();
            }
            throw new Unavailable(AksImagesUnavailableException.REASON_NOT_RESOLVED, "the versions of image " + definition
                    + " could not be read (" + e.getMessage() + ")");
        }
    }

    private record Candidate(String name, Optional<OffsetDateTime> published) {
    }

    private String newestListed(AksNodeImages.Definition definition, Instant now) throws ArmException, Unavailable {
        List<Candidate> candidates = new ArrayList<>();
        JsonNode page = arm.get("/subscriptions/" + config.subscriptionId() + "/providers/Microsoft.Compute/locations/" + config.location()
                + "/communityGalleries/" + definition.gallery() + "/images/" + definition.image() + "/versions?api-version=" + GALLERY_API_VERSION);
        while (true) {
            for (JsonNode v : page.path("value")) {
                JsonNode properties = v.path("properties");
                Optional<OffsetDateTime> endOfLife = time(properties.path("endOfLifeDate").asText(""));
                if (properties.path("excludeFromLatest").asBoolean(false) || endOfLife.filter(t -> !t.toInstant().isAfter(now)).isPresent()) {
                    continue;
                }
                candidates.add(new Candidate(v.path("name").asText(), time(properties.path("publishedDate").asText(""))));
            }
            String next = page.path("nextLink").asText("");
            if (next.isEmpty()) {
                break;
            }
            page = arm.getAbsolute(URI.create(next), false);
        }
        return candidates.stream().filter(c -> !c.name().isEmpty())
                .max(Comparator.comparing((Candidate c) -> c.published().map(OffsetDateTime::toInstant).orElse(Instant.MIN))
                        .thenComparing(Candidate::name))
                .map(Candidate::name)
                .orElseThrow(() -> new Unavailable(AksImagesUnavailableException.REASON_NOT_FOUND, "image " + definition
                        + " has no version to boot in " + config.location()));
    }

    private static Optional<OffsetDateTime> time(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
