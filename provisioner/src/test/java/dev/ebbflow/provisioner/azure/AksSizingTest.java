package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AKS's documented reservations, and VM size names as the sku labels read them. */
class AksSizingTest {

    @ParameterizedTest(name = "{0} cores reserve {1}m")
    @CsvSource({"1, 60", "2, 100", "4, 140", "8, 180", "16, 260", "32, 420", "64, 740"})
    void kubeReservedCpuFollowsAksTable(int cores, long millicores) {
        assertThat(AksAllocatable.reservedCpuMilli(cores)).isEqualTo(millicores);
    }

    @Test
    void kubeReservedMemoryIsTwentyMebibytesPerPodPlusFiftyCappedAtAQuarter() {
        long mi = 1L << 20;
        assertThat(AksAllocatable.reservedMemoryBytes(64L * 1024 * mi, 30)).isEqualTo(650 * mi);
        assertThat(AksAllocatable.reservedMemoryBytes(4L * 1024 * mi, 250)).isEqualTo(1024 * mi);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Standard_D2ps_v5, D, Dps_v5, 5, ''",
            "Standard_F2s_v2, F, Fs_v2, 2, ''",
            "Standard_E96-24ads_v5, E, Eads_v5, 5, ''",
            "Standard_NC24ads_A100_v4, NC, NCads_A100_v4, 4, A100",
            "Standard_A1, A, A, 1, ''"})
    void sizeNamesGiveFamilySeriesVersionAndAccelerator(String name, String family, String series, int version, String accelerator) {
        SkuName sku = SkuName.parse(name).orElseThrow();
        assertThat(sku.family()).isEqualTo(family);
        assertThat(sku.series()).isEqualTo(series);
        assertThat(sku.version()).isEqualTo(version);
        assertThat(sku.accelerator().orElse("")).isEqualTo(accelerator);
    }
}
