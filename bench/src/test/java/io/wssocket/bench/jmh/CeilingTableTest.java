package io.wssocket.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CeilingTableTest {

    @Test
    void setsEachRowBesideTheCopyOfItsSizeAndBufferKindWithADashForWhatIsMissing() {
        List<CeilingTable.Row> rows = List.of(
                new CeilingTable.Row("CopyBaseline.directToDirect", "", 1024, BufferKind.DIRECT, true, 4e6, 4e4),
                new CeilingTable.Row("CopyBaseline.heapToHeap", "", 1024, BufferKind.HEAP, true, 8e6, 8e4),
                new CeilingTable.Row("Utf8Benchmark.validate", " (text=ASCII)", 1024, BufferKind.DIRECT, false,
                        3e6, 6e4),
                new CeilingTable.Row("WriteBenchmark.maskedClientFrame", "", 1024, BufferKind.HEAP, false, 2e6, 0),
                new CeilingTable.Row("WriteBenchmark.maskedClientFrame", "", 64, BufferKind.HEAP, false, 1e7,
                        Double.NaN));

        String table = CeilingTable.markdown(rows);

        assertThat(table.lines()).containsExactly(
                "| benchmark | size | ops/s | GB/s | ± | copy ceiling | GB/s | % of ceiling |",
                "|---|---:|---:|---:|---:|---|---:|---:|",
                "| CopyBaseline.directToDirect | 1 KiB | 4,000,000 | 4.10 | 1.0 % | direct→direct | 4.10 | 100 % |",
                "| CopyBaseline.heapToHeap | 1 KiB | 8,000,000 | 8.19 | 1.0 % | heap→heap | 8.19 | 100 % |",
                "| Utf8Benchmark.validate (text=ASCII) | 1 KiB | 3,000,000 | 3.07 | 2.0 % | direct→direct | 4.10 | 75 % |",
                "| WriteBenchmark.maskedClientFrame | 64 B | 10,000,000 | 0.64 | – | heap→heap | – | – |",
                "| WriteBenchmark.maskedClientFrame | 1 KiB | 2,000,000 | 2.05 | 0.0 % | heap→heap | 8.19 | 25 % |");
    }

    @Test
    void sizesReadInTheUnitsTheyWereChosenIn() {
        assertThat(CeilingTable.sizeLabel(64)).isEqualTo("64 B");
        assertThat(CeilingTable.sizeLabel(1024)).isEqualTo("1 KiB");
        assertThat(CeilingTable.sizeLabel(16384)).isEqualTo("16 KiB");
        assertThat(CeilingTable.sizeLabel(1048576)).isEqualTo("1 MiB");
        assertThat(CeilingTable.sizeLabel(70000)).isEqualTo("70000 B");
    }
}
