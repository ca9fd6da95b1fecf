package io.mlopsagent.agent.nab;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.detect.DetectorParams;
import io.mlopsagent.actors.detect.Surprise;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.agent.cli.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops-agent nab}: the agent's detector on the Numenta Anomaly Benchmark, scored as NAB does. */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Stream every <category>/<file>.csv under --data (timestamp,value) through the",
      "agent's production baseline detector, one value at a time, each scored before",
      "it is learned; write NAB-format results to <out>/<detector>/<category>/",
      "<detector>_<file>.csv and print NAB's three profile scores (0 = never",
      "detecting, 100 = every window found at its start, no false positive)."
    })
public final class NabCommand implements Callable<Integer> {
  /** NAB splits results file names on '_', so a detector name must not contain one. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]+");

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Folder laid out as NAB's data/: <category>/<file>.csv.")
  Path data;

  @Option(names = "--labels", required = true, paramLabel = "FILE",
      description = "NAB windows file covering every data file, e.g. labels/combined_windows.json.")
  Path labels;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the results go (required unless --score-results).")
  Path out;

  @Option(names = "--score-results", paramLabel = "DIR",
      description = "Score another detector's NAB results instead of running ours: reads "
          + "DIR/<detector>/<category>/<detector>_<file>.csv (as in NAB's results/ folder), column anomaly_score.")
  Path results;

  @Option(names = "--detector", paramLabel = "NAME", defaultValue = "mlops",
      description = "Detector name in the results (letters, digits and '-'; default: mlops).")
  String detector;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policies whose default detection section sets the detector "
          + "(default: the packaged conf/policies.conf).")
  Path policy;

  @Option(names = "--half-at", paramLabel = "Z", defaultValue = "3.0",
      description = "Noise scales from the baseline at which the anomaly score is 0.5 (default: 3.0).")
  double halfAt;

  @Option(names = "--score", paramLabel = "surprise|squash", defaultValue = "surprise",
      description = "The anomaly score: surprise (the agent's own per-metric surprise score; default) or "
          + "squash (the bare distance from the baseline, |z| / (|z| + Z), see --half-at; for comparison).")
  String score;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter progress = spec.commandLine().getErr();
    validate();
    NabLabels windows = NabLabels.read(labels);
    List<Path[]> files = listFiles(windows);
    NabDetector nab = new NabDetector(params(), Surprise.Params.defaults(), halfAt, scoring());
    long started = System.nanoTime();
    List<NabScorer.Scored> scored = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      String category = files.get(k)[0].getFileName().toString();
      NabFile f = NabFile.read(category, files.get(k)[1]);
      List<NabScorer.Window> rows = windows.rowWindows(f);
      double[] scores;
      if (results == null) {
        scores = nab.scores(f);
        write(f, scores, rows);
      } else {
        scores = NabResults.scores(NabResults.fileFor(results, detector, f), f);
      }
      scored.add(new NabScorer.Scored(category, scores, rows));
      progress.printf(Locale.ROOT, "[%d/%d] %s: %d rows, %d windows%n", k + 1, files.size(), f.key(), f.size(),
          rows.size());
      progress.flush();
    }
    NabReport.print(stdout, scored);
    progress.printf(Locale.ROOT, "nab: %d files in %.1f s%n", files.size(), (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private void validate() {
    if (!NAME.matcher(detector).matches()) {
      throw bad("--detector", "'" + detector + "'", "letters, digits and '-' only (NAB splits file names on '_')");
    }
    if (!Files.isDirectory(data)) {
      throw bad("--data", "'" + data + "'", "a directory of <category>/<file>.csv");
    }
    if (!Files.isRegularFile(labels)) {
      throw bad("--labels", "'" + labels + "'", "a readable windows JSON file");
    }
    if (out == null && results == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing required option: '--out=DIR' (or --score-results=DIR to score existing results)");
    }
    // Checked before any series is scored: a file there was found only when the results were written.
    if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
      throw bad("--out", "'" + out + "'", "a directory for the results (created if missing), not a file");
    }
    // A missing file would have been read as an empty one: the packaged policies, silently.
    if (policy != null && (!Files.isRegularFile(policy) || !Files.isReadable(policy))) {
      throw bad("--policy", "'" + policy + "'", "a readable policies file, shaped as conf/policies.conf");
    }
    if (results != null && !Files.isDirectory(results.resolve(detector))) {
      throw bad("--score-results", "'" + results + "'", "a folder holding " + detector + "/<category>/ results");
    }
    if (!(halfAt > 0) || Double.isInfinite(halfAt)) {
      throw bad("--half-at", String.valueOf(halfAt), "a positive number of noise scales");
    }
  }

  private NabDetector.Scoring scoring() {
    if (score.equals("surprise") || score.equals("squash")) {
      return NabDetector.Scoring.valueOf(score.toUpperCase(Locale.ROOT));
    }
    throw bad("--score", "'" + score + "'", "surprise or squash");
  }

  private CommandLine.ParameterException bad(String option, String value, String allowed) {
    return new CommandLine.ParameterException(spec.commandLine(),
        "Invalid value for option '" + option + "': " + value + ": expected " + allowed);
  }

  /** The default policy's detection settings, as the agent would run them. */
  private DetectorParams params() {
    Config packaged = ConfigFactory.parseResources(NabCommand.class.getClassLoader(), "policies.conf");
    Config config = policy == null ? packaged : ConfigFactory.parseFile(policy.toFile()).withFallback(packaged);
    try {
      return PolicyTranslation.detectorParams(PolicyLoader.load(config.resolve()).defaultPolicy());
    } catch (RuntimeException e) {
      throw bad("--policy", "'" + policy + "'", "policies shaped as conf/policies.conf (" + e.getMessage() + ")");
    }
  }

  /** Every {@code <category>/<file>.csv}, sorted, each present in the labels file. */
  private List<Path[]> listFiles(NabLabels windows) {
    List<Path[]> files = new ArrayList<>();
    List<String> unlabelled = new ArrayList<>();
    try (Stream<Path> categories = Files.list(data)) {
      for (Path category : categories.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> csvs = Files.list(category)) {
          for (Path csv : csvs.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
            files.add(new Path[] {category, csv});
            String key = category.getFileName() + "/" + csv.getFileName();
            if (!windows.covers(key)) {
              unlabelled.add(key);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw bad("--data", "'" + data + "'", "a directory of <category>/<file>.csv (none found)");
    }
    if (!unlabelled.isEmpty()) {
      throw bad("--labels", "'" + labels + "'", "windows for every data file, missing " + unlabelled);
    }
    return files;
  }

  private void write(NabFile f, double[] scores, List<NabScorer.Window> rows) {
    Path dir = out.resolve(detector).resolve(f.category());
    StringBuilder csv = new StringBuilder("timestamp,value,anomaly_score,label\n");
    int k = 0;
    for (int i = 0; i < f.size(); i++) {
      while (k < rows.size() && rows.get(k).end() < i) {
        k++;
      }
      int label = k < rows.size() && rows.get(k).start() <= i ? 1 : 0;
      csv.append(f.rawTimestamps().get(i)).append(',').append(f.rawValues().get(i)).append(',')
          .append(scores[i]).append(',').append(label).append('\n');
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(detector + "_" + f.name()), csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results under " + dir + ": " + e.getMessage(), e);
    }
  }
}
