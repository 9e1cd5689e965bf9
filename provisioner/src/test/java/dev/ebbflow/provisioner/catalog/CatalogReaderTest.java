package dev.ebbflow.provisioner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogReaderTest {

    static final String GPU_TYPE = """
            instanceTypes:
            - name: g-8x-amd64
              architecture: amd64
              operatingSystems: [linux, windows]
              capacity: {cpu: "8", memory: 32Gi, pods: "110", nvidia.com/gpu: "1"}
              allocatable: {cpu: 7800m, memory: 30Gi}
              labels: {karpenter.k8s.aws/instance-family: g5, karpenter.k8s.aws/instance-gpu-count: "1"}
              absentLabels: [karpenter.k8s.aws/instance-local-nvme]
              offerings:
              - {zone: z1, capacityType: spot, price: 0.4}
              - {zone: z1, capacityType: on-demand, price: 1.2, available: false}
            """;

    @Test
    void readsEveryField() throws Exception {
        List<InstanceType> types = CatalogReader.read("gpu.yaml", GPU_TYPE);

        InstanceType t = types.get(0);
        assertThat(t.name()).isEqualTo("g-8x-amd64");
        assertThat(t.operatingSystems()).containsExactlyInAnyOrder("linux", "windows");
        assertThat(t.capacity().milli("nvidia.com/gpu")).isEqualTo(1000);
        assertThat(t.allocatable().milli(ResourceList.CPU)).isEqualTo(7800);
        assertThat(t.allocatable().milli(ResourceList.MEMORY)).isEqualTo(30L * (1L << 30) * 1000);
        // Not listed in allocatable: all of it is allocatable.
        assertThat(t.allocatable().milli("nvidia.com/gpu")).isEqualTo(1000);
        assertThat(t.labels()).containsEntry("karpenter.k8s.aws/instance-gpu-count", "1");
        assertThat(t.absentLabels()).containsExactly("karpenter.k8s.aws/instance-local-nvme");
        assertThat(t.offerings()).containsExactly(new Offering("z1", "spot", 0.4, true), new Offering("z1", "on-demand", 1.2, false));
    }

    @Test
    void writerOutputReadsBackEqual() throws Exception {
        List<InstanceType> gpu = CatalogReader.read("gpu.yaml", GPU_TYPE);
        assertThat(CatalogReader.read("again.yaml", CatalogWriter.write(gpu))).isEqualTo(gpu);

        List<InstanceType> generated = KwokStyleCatalogGenerator.generate();
        String text = CatalogWriter.write(generated);
        assertThat(text).contains("memory: 2Gi").contains("capacityType: spot");
        assertThat(CatalogReader.read("generated.yaml", text)).isEqualTo(generated);
    }

    @Test
    void readsAndWritesFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.yaml");
        List<InstanceType> types = CatalogReader.read("gpu.yaml", GPU_TYPE);
        CatalogWriter.write(types, file);
        assertThat(CatalogReader.read(file)).isEqualTo(types);

        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> CatalogReader.read(missing)).isInstanceOf(CatalogFormatException.class)
                .hasMessageStartingWith(missing.toString() + ": cannot read");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            price: -1                                  | instanceTypes[1].offerings[0].price
            price: cheap                               | instanceTypes[1].offerings[0].price
            capacityType: preemptible                  | instanceTypes[1].offerings[0].capacityType
            available: maybe                           | instanceTypes[1].offerings[0].available
            zone: ""                                   | instanceTypes[1].offerings[0].zone
            colour: red                                | instanceTypes[1].offerings[0].colour
            """)
    void badOfferingNamesFileAndField(String badField, String path) {
        String text = twoTypesWithSecondOffering(badField);
        assertThatThrownBy(() -> CatalogReader.read("cat.yaml", text))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessageStartingWith("cat.yaml: " + path + ":")
                .satisfies(e -> assertThat(((CatalogFormatException) e).fieldPath()).isEqualTo(path));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, offerings: []}                                            | instanceTypes[0].offerings
            {architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]}            | instanceTypes[0].name
            {name: a, capacity: {cpu: "2", memory: 4Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]}                        | instanceTypes[0].architecture
            {name: a, architecture: amd64, capacity: {cpu: "2"}, offerings: [{zone: z, capacityType: spot, price: 1}]}                 | instanceTypes[0].capacity.memory
            {name: a, architecture: amd64, capacity: {cpu: two, memory: 4Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]}    | instanceTypes[0].capacity.cpu
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, overhead: {cpu: "3"}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].overhead.cpu
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, allocatable: {memory: 5Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].allocatable.memory
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, overhead: {}, allocatable: {}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].allocatable
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, labels: {topology.kubernetes.io/zone: z}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].labels.topology.kubernetes.io/zone
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, labels: {x: [a, b]}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].labels.x
            {name: a, architecture: amd64, capacity: {cpu: "2", memory: 4Gi}, labels: {x: a}, absentLabels: [x], offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].absentLabels
            {name: a, architecture: amd64, operatingSystems: [], capacity: {cpu: "2", memory: 4Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].operatingSystems
            {name: a, architecture: amd64, cpu: 2, capacity: {cpu: "2", memory: 4Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]} | instanceTypes[0].cpu
            """)
    void badInstanceTypeNamesTheField(String type, String path) {
        assertThatThrownBy(() -> CatalogReader.read("c.yaml", "instanceTypes:\n- " + type + "\n"))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessageStartingWith("c.yaml: " + path + ":");
    }

    @Test
    void badDocuments() {
        assertThatThrownBy(() -> CatalogReader.read("e.yaml", "")).hasMessageContaining("e.yaml: empty catalog");
        assertThatThrownBy(() -> CatalogReader.read("n.yaml", "types: []")).hasMessageStartingWith("n.yaml: types: unknown field");
        assertThatThrownBy(() -> CatalogReader.read("l.yaml", "instanceTypes: 3")).hasMessageStartingWith("l.yaml: instanceTypes: required");
        assertThatThrownBy(() -> CatalogReader.read("y.yaml", "instanceTypes: [")).hasMessageStartingWith("y.yaml: not valid YAML");
        String duplicate = GPU_TYPE + GPU_TYPE.substring(GPU_TYPE.indexOf("- name"));
        assertThatThrownBy(() -> CatalogReader.read("d.yaml", duplicate)).hasMessageStartingWith("d.yaml: instanceTypes[1].name: duplicate");
    }

    static final String RESERVED_TYPE = """
            instanceTypes:
            - name: m-2x-amd64
              architecture: amd64
              capacity: {cpu: "2", memory: 8Gi}
              offerings:
              - {zone: z1, capacityType: on-demand, price: 0.1}
              - zone: z1
                capacityType: reserved
                price: 0.0000001
                reservation: {id: cr-1, capacity: 2, labels: {example.com/reservation-id: cr-1, example.com/reservation-type: default}}
              - {zone: z2, capacityType: reserved, price: 0.0000001, reservation: {id: cr-2, capacity: 0}}
            """;

    @Test
    void readsAndWritesReservations() throws Exception {
        List<InstanceType> types = CatalogReader.read("reserved.yaml", RESERVED_TYPE);

        List<Offering> offerings = types.get(0).offerings();
        assertThat(offerings.get(0).reservation()).isNull();
        assertThat(offerings.get(1).reservation()).isEqualTo(new Reservation("cr-1", 2,
                java.util.Map.of("example.com/reservation-id", "cr-1", "example.com/reservation-type", "default")));
        assertThat(offerings.get(2).reservation()).isEqualTo(new Reservation("cr-2", 0, java.util.Map.of()));
        String written = CatalogWriter.write(types);
        assertThat(written).contains("reservation:").contains("id: cr-1").contains("capacity: 2");
        assertThat(CatalogReader.read("again.yaml", written)).isEqualTo(types);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reservation: {id: cr-1, capacity: 1}                                           | instanceTypes[1].offerings[0].reservation              | only an offering of capacityType reserved
            capacityType: reserved, reservation: {capacity: 1}                             | instanceTypes[1].offerings[0].reservation.id           | required
            capacityType: reserved, reservation: {id: cr-1, capacity: -1}                  | instanceTypes[1].offerings[0].reservation.capacity     | a whole number >= 0
            capacityType: reserved, reservation: {id: cr-1, capacity: 1.5}                 | instanceTypes[1].offerings[0].reservation.capacity     | a whole number >= 0
            capacityType: reserved, reservation: {id: cr-1}                                | instanceTypes[1].offerings[0].reservation.capacity     | required
            capacityType: reserved, reservation: {id: cr-1, capacity: 1, size: 3}          | instanceTypes[1].offerings[0].reservation.size         | unknown field
            capacityType: reserved, reservation: {id: cr-1, capacity: 1, labels: {a: [b]}} | instanceTypes[1].offerings[0].reservation.labels.a     | single value
            capacityType: reserved, reservation: cr-1                                      | instanceTypes[1].offerings[0].reservation              | must be a mapping
            """)
    void badReservationNamesTheField(String fields, String path, String problem) {
        String text = """
                instanceTypes:
                - {name: a, architecture: amd64, capacity: {cpu: "1", memory: 1Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]}
                - {name: b, architecture: amd64, capacity: {cpu: "1", memory: 1Gi}, offerings: [{zone: z, price: 1, %s}]}
                """.formatted(fields.contains("capacityType") ? fields : "capacityType: on-demand, " + fields);
        assertThatThrownBy(() -> CatalogReader.read("cat.yaml", text))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessageStartingWith("cat.yaml: " + path + ":")
                .hasMessageContaining(problem);
    }

    private static String twoTypesWithSecondOffering(String field) {
        String base = "{zone: z, capacityType: spot, price: 1, available: true}";
        String key = field.substring(0, field.indexOf(':'));
        String offering = base.contains(key + ":") ? base.replaceAll(key + ": [^,}]+", field) : base.replace("}", ", " + field + "}");
        return """
                instanceTypes:
                - {name: a, architecture: amd64, capacity: {cpu: "1", memory: 1Gi}, offerings: [{zone: z, capacityType: spot, price: 1}]}
                - {name: b, architecture: amd64, capacity: {cpu: "1", memory: 1Gi}, offerings: [%s]}
                """.formatted(offering);
    }

    @Test
    void helperReallyPutsTheBadFieldInTheSecondType() throws Exception {
        assertThat(CatalogReader.read("ok.yaml", twoTypesWithSecondOffering("price: 2")).get(1).offerings().get(0).pricePerHour()).isEqualTo(2);
    }
}
