package io.mlopsagent.simulation.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The KPI tables of the page. The headline table marks each KPI's best policy and adds, for the
 * agent, its figure as a multiple of each alternative's ("0.21×" = a fifth of it), since "how
 * much better than doing nothing" is the question the report answers. The context table holds the
 * counts that explain the headline (rollouts, adaptations, lost events) and the run's wall time.
 */
final class KpiHtmlTable {
  static final String AGENT = "agent";

  private record Column(String header, String title, List<Double> values) {}

  private KpiHtmlTable() {}

  static void headline(Markup m, List<PolicyRun> runs, PolicyStyles styles) {
    List<Column> columns = columns(runs, Kpi.HEADLINE);
    open(m, "kpi-table", "kpis", runs, styles, columns, true);
    ratios(m, runs, columns);
    m.close().close();
  }

  static void context(Markup m, List<PolicyRun> runs, PolicyStyles styles) {
    Set<String> kpis = new LinkedHashSet<>();
    runs.forEach(r -> kpis.addAll(r.kpis().keySet()));
    kpis.removeAll(Kpi.HEADLINE);
    List<Column> columns = columns(runs, kpis);
    columns.add(new Column("wall s", "real time the policy's run took, seconds",
        runs.stream().map(PolicyRun::wallSeconds).toList()));
    open(m, "context-table", "kpis context", runs, styles, columns, false);
    m.close().close();
  }

  private static List<Column> columns(List<PolicyRun> runs, Collection<String> kpis) {
    List<Column> columns = new ArrayList<>();
    for (String kpi : kpis) {
      columns.add(new Column(KpiText.header(kpi), KpiText.title(kpi), KpiText.column(runs, kpi)));
    }
    return columns;
  }

  /**
   * Writes the table up to its last policy row and leaves it and its body open, for the caller to
   * add rows and close both; with {@code markBest}, each column's lowest figure is marked.
   */
  private static void open(Markup m, String id, String cssClass, List<PolicyRun> runs, PolicyStyles styles,
      List<Column> columns, boolean markBest) {
    m.open("table", "class", cssClass, "id", id);
    head(m, columns);
    m.open("tbody");
    for (int r = 0; r < runs.size(); r++) {
      policyCell(m, runs.get(r).policy(), styles);
      for (Column c : columns) {
        Double v = c.values().get(r);
        boolean best = markBest && v != null && v.equals(Best.of(c.values()));
        m.element("td", KpiText.number(v, KpiText.decimals(c.values())), "class", best ? "best" : null,
            "title", best ? "best" : null);
      }
      m.close();
    }
  }

  private static void head(Markup m, List<Column> columns) {
    m.open("thead").open("tr").element("th", "policy", "scope", "col");
    for (Column c : columns) {
      m.element("th", c.header(), "scope", "col", "title", c.title());
    }
    m.close().close();
  }

  /** Opens the policy's row with its name and colour swatch; the caller adds cells and closes. */
  private static void policyCell(Markup m, String policy, PolicyStyles styles) {
    m.open("tr").open("th", "scope", "row");
    m.element("span", "", "class", "swatch", "style", "background:" + styles.of(policy).colour());
    m.text(policy).close();
  }

  /** A row per alternative: the agent's figure divided by the alternative's. */
  private static void ratios(Markup m, List<PolicyRun> runs, List<Column> columns) {
    int agent = -1;
    for (int r = 0; r < runs.size(); r++) {
      agent = runs.get(r).policy().equals(AGENT) ? r : agent;
    }
    if (agent < 0) {
      return;
    }
    for (int r = 0; r < runs.size(); r++) {
      if (r == agent) {
        continue;
      }
      m.open("tr", "class", "ratio").element("th", AGENT + " ÷ " + runs.get(r).policy(), "scope", "row");
      for (Column c : columns) {
        Double mine = c.values().get(agent);
        Double theirs = c.values().get(r);
        m.element("td", KpiText.ratio(mine, theirs), "class", verdict(mine, theirs), "title",
            theirs != null && theirs == 0 && mine != null && mine != 0 ? runs.get(r).policy() + " scored 0" : null);
      }
      m.close();
    }
  }

  private static String verdict(Double mine, Double theirs) {
    if (mine == null || theirs == null || Objects.equals(mine, theirs)) {
      return null;
    }
    return mine < theirs ? "better" : "worse";
  }
}
