package io.mlopsagent.agent.http.dashboard;

import static io.mlopsagent.agent.http.dashboard.SvgChart.LEFT;
import static io.mlopsagent.agent.http.dashboard.SvgChart.PLOT_HEIGHT;
import static io.mlopsagent.agent.http.dashboard.SvgChart.PLOT_WIDTH;
import static io.mlopsagent.agent.http.dashboard.SvgChart.TOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardSvgChartTest {
  private static final Pattern VALUES_PATH = Pattern.compile("<path class=\"series-values\" d=\"([^\"]*)\"");

  private static SvgChart.Spec spec(List<Double> values, List<Double> baseline, List<SvgChart.Threshold> thresholds) {
    return new SvgChart.Spec("accuracy", "Accuracy", values, baseline, thresholds, "10:00Z", "12:00Z",
        v -> String.format(Locale.ROOT, "%.2f", v));
  }

  @Test
  void scalesTheHighestValueToTheTopAndZeroToTheBottom() {
    SvgChart.Scale scale = SvgChart.scale(spec(List.of(0.0, 10.0), List.of(), List.of()));

    // Padded by 8% of the range above; below, the padding would cross zero, which non-negative data never does.
    assertThat(scale.lo()).isEqualTo(0.0);
    assertThat(scale.hi()).isCloseTo(10.8, within(1e-9));
    assertThat(scale.y(10.8)).isCloseTo(TOP, within(1e-9));
    assertThat(scale.y(0.0)).isCloseTo(TOP + PLOT_HEIGHT, within(1e-9));
  }

  @Test
  void negativeDataKeepsItsPaddingBelowZero() {
    SvgChart.Scale scale = SvgChart.scale(spec(List.of(-1.0, 1.0), List.of(), List.of()));

    assertThat(scale.lo()).isCloseTo(-1.16, within(1e-9));
    assertThat(scale.hi()).isCloseTo(1.16, within(1e-9));
  }

  @Test
  void theRangeHoldsTheBaselineAndTheThresholds() {
    SvgChart.Scale scale = SvgChart.scale(spec(List.of(0.18, 0.2), List.of(0.1),
        List.of(new SvgChart.Threshold("above", 0.3))));

    assertThat(scale.lo()).isLessThan(0.1);
    assertThat(scale.hi()).isGreaterThan(0.3);
  }

  @Test
  void aFlatSeriesGetsARangeAndIsDrawnAcrossTheMiddle() {
    String svg = SvgChart.render(spec(List.of(0.9, 0.9, 0.9), List.of(), List.of()));

    double middle = TOP + PLOT_HEIGHT / 2.0;
    assertThat(points(valuesPath(svg))).containsExactly(
        new double[] {LEFT, middle}, new double[] {LEFT + PLOT_WIDTH / 2.0, middle},
        new double[] {LEFT + PLOT_WIDTH, middle});
  }

  @Test
  void spreadsTheWindowsOverThePlotOldestLeft() {
    String svg = SvgChart.render(spec(List.of(1.0, 2.0, 3.0, 4.0, 5.0), List.of(), List.of()));

    List<double[]> points = points(valuesPath(svg));
    assertThat(points).hasSize(5);
    assertThat(points.get(0)[0]).isEqualTo(LEFT);
    assertThat(points.get(4)[0]).isEqualTo(LEFT + PLOT_WIDTH);
    // Higher values are higher on the screen, which is a smaller y.
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i)[1]).isLessThan(points.get(i - 1)[1]);
    }
  }

  @Test
  void skipsNullAndNaNGapsAndDrawsLoneValuesAsDots() {
    String svg = SvgChart.render(spec(Arrays.asList(0.8, null, Double.NaN, 0.9, 0.91, null, 0.85,
        Double.POSITIVE_INFINITY), List.of(), List.of()));

    String d = valuesPath(svg);
    assertThat(d).doesNotContain("NaN").doesNotContain("Infinity");
    // One line through the two neighbours; the values with gaps on both sides are dots.
    assertThat(d.chars().filter(c -> c == 'M')).hasSize(1);
    assertThat(points(d)).hasSize(2);
    assertThat(points(d).get(0)[0]).isCloseTo(SvgChart.x(3, 8), within(0.05));
    assertThat(count(svg, "class=\"series-point\"")).isEqualTo(2);
  }

  @Test
  void aGapSplitsTheLineIntoTwo() {
    String svg = SvgChart.render(spec(Arrays.asList(1.0, 2.0, null, 3.0, 4.0), List.of(), List.of()));

    String d = valuesPath(svg);
    assertThat(d.chars().filter(c -> c == 'M')).hasSize(2);
    assertThat(points(d)).hasSize(4);
    assertThat(svg).doesNotContain("series-point");
  }

  @Test
  void anEmptySeriesSaysSoAndDrawsNoLine() {
    String svg = SvgChart.render(spec(List.of(), List.of(), List.of()));

    assertThat(svg).startsWith("<svg class=\"chart\" data-metric=\"accuracy\"").endsWith("</svg>")
        .contains("no data yet").doesNotContain("series-values").doesNotContain("series-baseline")
        .doesNotContain("axis-max");
  }

  @Test
  void onlyMissingValuesStillShowTheThreshold() {
    String svg = SvgChart.render(spec(Arrays.asList(null, null), List.of(),
        List.of(new SvgChart.Threshold("below", 0.87))));

    assertThat(svg).doesNotContain("series-values").contains("class=\"threshold\" data-kind=\"below\"")
        .contains(">below 0.87</text>");
  }

  @Test
  void drawsTheBaselineAndEachThresholdWithItsLabel() {
    String svg = SvgChart.render(spec(List.of(0.5, 0.55, 0.6), Arrays.asList(null, 0.5, 0.5),
        List.of(new SvgChart.Threshold("above", 0.8), new SvgChart.Threshold("below", 0.2))));

    assertThat(count(svg, "class=\"series-baseline\"")).isEqualTo(1);
    assertThat(count(svg, "class=\"threshold\"")).isEqualTo(2);
    assertThat(svg).contains(">above 0.80</text>").contains(">below 0.20</text>")
        .contains("class=\"axis-min\"").contains("class=\"axis-max\"")
        .contains(">10:00Z</text>").contains(">12:00Z</text>");
    SvgChart.Scale scale = SvgChart.scale(spec(List.of(0.5, 0.55, 0.6), Arrays.asList(null, 0.5, 0.5),
        List.of(new SvgChart.Threshold("above", 0.8), new SvgChart.Threshold("below", 0.2))));
    assertThat(svg).contains(String.format(Locale.ROOT, "y1=\"%.1f\"", scale.y(0.8)));
  }

  @Test
  void escapesWhatItIsGiven() {
    String svg = SvgChart.render(new SvgChart.Spec("a\"b", "<b>Title</b>", List.of(1.0, 2.0), List.of(),
        List.of(new SvgChart.Threshold("<x>", 1.5)), "<first>", null, v -> "<" + v + ">"));

    assertThat(svg).doesNotContain("<b>").doesNotContain("<x>").doesNotContain("<first>").doesNotContain("<1.5>")
        .contains("data-metric=\"a&quot;b\"").contains("&lt;b&gt;Title&lt;/b&gt;");
  }

  @Test
  void aSingleWindowIsADotInTheMiddle() {
    String svg = SvgChart.render(spec(List.of(0.9), List.of(), List.of()));

    assertThat(svg).doesNotContain("series-values")
        .contains(String.format(Locale.ROOT, "cx=\"%.1f\"", LEFT + PLOT_WIDTH / 2.0));
  }

  private static String valuesPath(String svg) {
    Matcher m = VALUES_PATH.matcher(svg);
    assertThat(m.find()).as("a series-values path in %s", svg).isTrue();
    return m.group(1);
  }

  private static List<double[]> points(String d) {
    return Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)").matcher(d).results()
        .map(r -> new double[] {Double.parseDouble(r.group(1)), Double.parseDouble(r.group(2))}).toList();
  }

  private static long count(String s, String part) {
    return Pattern.compile(Pattern.quote(part)).matcher(s).results().count();
  }
}
