package io.mlopsagent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiTableTest {
  @Test
  void aRowPerPolicyWithEveryHeadlineKpiInAlignedColumns() {
    String table = KpiTable.render(SampleReports.twoDays("weekday", ""));

    List<String> lines = Arrays.asList(table.split("\n"));
    int header = indexOfLineStartingWith(lines, "policy");
    List<String> block = lines.subList(header, header + 2 + SampleReports.POLICIES.size());
    for (int p = 0; p < SampleReports.POLICIES.size(); p++) {
      assertThat(block.get(p + 2)).startsWith(SampleReports.POLICIES.get(p) + " ");
    }
    for (String kpi : Kpi.HEADLINE) {
      assertThat(block.get(0)).contains(KpiText.header(kpi));
    }
    // Right-aligned numbers: every line of the block ends at the same column, and so does each
    // column's header and its values (checked at the last column, "manual": 22.5 .. 90.0).
    assertThat(block).extracting(String::length).containsOnly(block.get(0).length());
    assertThat(block.get(2)).endsWith(" 22.5");
    assertThat(block.get(5)).endsWith(" 90.0");
    assertThat(block.get(0)).endsWith(" manual");
  }

  @Test
  void detectionDelayIsListedPerFaultKindAndPolicy() {
    String table = KpiTable.render(SampleReports.twoDays("weekday", ""));

    assertThat(table).contains("seed 42", "12 models", "fault kind", "latency-spike", "accuracy-drift");
    String spike = table.lines().filter(l -> l.startsWith("latency-spike")).findFirst().orElseThrow();
    // Whole delays show without decimals. agent: p50 2, p95 6, 4 of 4 detected; static_canary:
    // p50 5, p95 12, 1 of 4.
    assertThat(spike).contains(" 2 / 6 (4/4) ").endsWith(" 5 / 12 (1/4)");
  }

  @Test
  void aMissingKpiIsADash() {
    PolicyRun bare = new PolicyRun("none", java.util.Map.of(), java.util.Map.of(), List.of(), List.of(), 0);

    String table = KpiTable.render(SampleReports.report("s", "", List.of(bare)));

    assertThat(table).contains("none").contains("—").contains("(no faults in this scenario)");
  }

  private static int indexOfLineStartingWith(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starting with " + prefix);
  }
}
