package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A replay for a terminal: what was replayed, then per model the decisions that differ ({@code -}
 * recorded only, {@code +} candidate only, {@code =} the same, {@code !} what could not be
 * replayed), then the fleet's numbers both ways.
 */
final class ReplayText {
  private static final int REASON_CHARS = 110;

  private ReplayText() {}

  static String of(ReplayReport r) {
    StringBuilder out = new StringBuilder();
    line(out, "replay of %s (read-only)", r.journal());
    line(out, "  candidate policy: %s", r.policy());
    line(out, "  %d of %d models, %,d windows%s, %.1f model-hours", r.models().size(), r.journaledModels(),
        r.windows(), span(r), r.modelHours());
    line(out, "  decisions are the same when of the same kind and at most %d window(s) apart", r.toleranceWindows());
    line(out, "  the candidate's actions have no effect on the recorded metrics: it sees the windows the agent saw");
    int quiet = 0;
    for (int i = 0; i < r.diffs().size(); i++) {
      DecisionDiff diff = r.diffs().get(i);
      ModelReplay model = r.models().get(i);
      if (diff.unchanged() && model.candidate().notes().isEmpty()) {
        quiet++;
        continue;
      }
      model(out, diff, model);
    }
    out.append('\n');
    line(out, "%d model(s) with differences; %d decide alike (or not at all)", r.models().size() - quiet, quiet);
    line(out, "%d recorded decision(s) the candidate would not take, %d it would take that the agent did not",
        r.onlyRecorded().size(), r.onlyCandidate().size());
    out.append('\n');
    kpis(out, r.recorded(), r.candidate());
    return out.toString();
  }

  private static void model(StringBuilder out, DecisionDiff diff, ModelReplay model) {
    out.append('\n');
    line(out, "%s: %d same, %d recorded only, %d candidate only", diff.model(), diff.same().size(),
        diff.onlyRecorded().size(), diff.onlyCandidate().size());
    List<Row> rows = new ArrayList<>();
    diff.onlyRecorded().forEach(d -> rows.add(new Row(d.info().at(), '-', DecisionDiff.kind(d), reason(d))));
    diff.onlyCandidate().forEach(d -> rows.add(new Row(d.info().at(), '+', DecisionDiff.kind(d), reason(d))));
    diff.same().forEach(m -> rows.add(new Row(m.recorded().info().at(), '=', DecisionDiff.kind(m.recorded()),
        m.shift().isZero() ? "at the same window" : "candidate " + signed(m.shift()))));
    model.candidate().notes().forEach(n -> rows.add(new Row(n.at(), '!', "not replayable", n.text())));
    rows.sort(Comparator.comparing(Row::at, Comparator.nullsLast(Comparator.naturalOrder())));
    rows.forEach(row -> line(out, "  %c %s  %-40s %s", row.mark(), row.at(), row.kind(), row.text()));
  }

  private static void kpis(StringBuilder out, ReplayKpis rec, ReplayKpis cand) {
    line(out, "%-46s %12s %12s", "", "recorded", "candidate");
    row(out, "decisions", rec.decisions(), cand.decisions());
    for (String type : ReplayKpis.TYPES) {
      row(out, "  " + type, rec.count(type), cand.count(type));
    }
    row(out, "adaptations", rec.adaptations(), cand.adaptations());
    row(out, "  of which only recommended", rec.recommendedOnly(), cand.recommendedOnly());
    line(out, "%-46s %12.1f %12.1f", "adaptations per 1000 model-hours", rec.adaptationsPer1000ModelHours(),
        cand.adaptationsPer1000ModelHours());
    row(out, "degradation episodes", rec.episodes(), cand.episodes());
    row(out, "  without an adaptation", rec.episodesWithoutAction(), cand.episodesWithoutAction());
    line(out, "%-46s %12s %12s", "mean time first degradation -> adaptation", duration(rec.meanTimeToAction()),
        duration(cand.meanTimeToAction()));
  }

  private static void row(StringBuilder out, String label, int recorded, int candidate) {
    line(out, "%-46s %12d %12d", label.length() > 46 ? label.substring(0, 43) + "..." : label, recorded, candidate);
  }

  private static String span(ReplayReport r) {
    Instant first = r.models().stream().map(m -> m.candidate().firstAt()).filter(a -> a != null)
        .min(Comparator.naturalOrder()).orElse(null);
    Instant last = r.models().stream().map(m -> m.candidate().lastAt()).filter(a -> a != null)
        .max(Comparator.naturalOrder()).orElse(null);
    return first == null ? "" : " from " + first + " to " + last;
  }

  private static String reason(Decision d) {
    String mode = d.info().actuated() ? "" : "[" + d.info().mode().word() + "] ";
    String reason = mode + d.info().reason();
    return reason.length() > REASON_CHARS ? reason.substring(0, REASON_CHARS - 3) + "..." : reason;
  }

  private static String signed(Duration d) {
    return (d.isNegative() ? "-" : "+") + duration(d.abs()) + (d.isNegative() ? " (earlier)" : " (later)");
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private record Row(Instant at, char mark, String kind, String text) {}
}
