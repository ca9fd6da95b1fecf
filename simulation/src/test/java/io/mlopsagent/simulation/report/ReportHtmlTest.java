package io.mlopsagent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportHtmlTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  @Test
  void theSloChartHasOneLinePerPolicyAndEveryChartIsThere() throws Exception {
    Document page = parse(ReportHtml.render(SampleReports.twoDays("weekday", "two days")));

    Element slo = svgById(page, SloChart.ID);
    NodeList lines = slo.getElementsByTagNameNS(SVG, "polyline");
    assertThat(lines.getLength()).isEqualTo(SampleReports.POLICIES.size());
    List<String> drawn = new ArrayList<>();
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      drawn.add(line.getAttribute("data-policy"));
      // 49 hourly samples over two days: every one is a point.
      assertThat(line.getAttribute("points").split(" ")).hasSize(49);
    }
    assertThat(drawn).containsExactlyInAnyOrderElementsOf(SampleReports.POLICIES);
    assertThat(text(slo)).contains("day 1", "day 2");
    for (String id : List.of(KpiBarsChart.ID, DetectionDelayChart.ID, AdaptationTimeline.ID)) {
      assertThat(svgById(page, id).getElementsByTagNameNS(SVG, "rect").getLength()).as(id).isPositive();
    }
  }

  @Test
  void theKpiTableShowsEveryValueMarksTheBestAndGivesTheAgentsRatios() throws Exception {
    Document page = parse(ReportHtml.render(SampleReports.twoDays("s", "")));

    Element table = byId(page, "kpi-table");
    String cells = text(table);
    // SLO minutes are 2.5 * (policy + 1): 2.5, 5, 7.5, 10 (one decimal for the column).
    assertThat(cells).contains("2.5", "5.0", "7.5", "10.0", "agent ÷ none", "agent ÷ static_canary", "0.50×");
    NodeList tds = table.getElementsByTagNameNS(XHTML, "td");
    List<String> best = new ArrayList<>();
    for (int i = 0; i < tds.getLength(); i++) {
      Element td = (Element) tds.item(i);
      if (td.getAttribute("class").equals("best")) {
        best.add(((Element) td.getParentNode()).getElementsByTagNameNS(XHTML, "th").item(0).getTextContent());
      }
    }
    // The agent is lowest at every headline KPI in the sample.
    assertThat(best).hasSize(Kpi.HEADLINE.size()).allMatch("agent"::equals);
  }

  @Test
  void hostileStringsAreEscapedEverywhere() throws Exception {
    String scenario = "a&b \"quoted\" <i>";
    String description = "<script>alert('x')</script> \u0001 done";
    PolicyRun odd = SampleReports.run("<b>odd</b>", 2, SampleReports.adaptations(5, 2));
    SimulationReport report = SampleReports.report(scenario, description,
        List.of(SampleReports.run("agent", 0, List.of()), odd));

    String html = ReportHtml.render(report);

    assertThat(html).doesNotContain("<script>", "<b>odd", "<i>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "a&amp;b &quot;quoted&quot; &lt;i&gt;");
    Document page = parse(html);
    assertThat(page.getElementsByTagNameNS(XHTML, "script").getLength()).isZero();
    assertThat(text(page.getDocumentElement())).contains(description.replace('\u0001', '\uFFFD'), "<b>odd</b>");
  }

  @Test
  void aQuietReportStillReadsWell() throws Exception {
    PolicyRun quiet = new PolicyRun("none", Map.of(Kpi.SLO_VIOLATION_MINUTES, 0.0), Map.of(),
        List.of(0.0, 0.0, 0.0), List.of(), 0);
    Document page = parse(ReportHtml.render(SampleReports.report("quiet", "", List.of(quiet))));

    assertThat(text(svgById(page, SloChart.ID))).contains("No SLO violation under any policy");
    assertThat(text(svgById(page, AdaptationTimeline.ID))).contains("no adaptations");
    assertThat(text(svgById(page, DetectionDelayChart.ID))).contains("No faults in this scenario");
    assertThat(text(byId(page, "kpi-table"))).contains("—");
  }

  @Test
  void aHundredThousandAdaptationsStayUnderTwoMegabytes(@TempDir Path dir) throws Exception {
    List<PolicyRun> runs = new ArrayList<>();
    for (int p = 0; p < SampleReports.POLICIES.size(); p++) {
      runs.add(SampleReports.run(SampleReports.POLICIES.get(p), p, SampleReports.adaptations(100_000, 10)));
    }
    SimulationReport report = SampleReports.report("busy", "", runs);
    Path file = dir.resolve("report.html");

    ReportHtml.write(report, file);

    assertThat(Files.size(file)).isLessThan(2_000_000);
    Element timeline = svgById(parse(Files.readString(file)), AdaptationTimeline.ID);
    assertThat(text(timeline)).contains("100,000 adaptations", "10,000 false");
    assertThat(Files.readString(file)).isEqualTo(ReportHtml.render(report));
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element svgById(Document page, String id) {
    Element e = byId(page, id);
    assertThat(e.getNamespaceURI()).isEqualTo(SVG);
    return e;
  }

  private static Element byId(Document page, String id) {
    NodeList all = page.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.getAttribute("id").equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  private static String text(Element e) {
    return e.getTextContent();
  }
}
