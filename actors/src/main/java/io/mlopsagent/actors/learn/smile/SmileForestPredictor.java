package io.mlopsagent.actors.learn.smile;

import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.OutcomePredictor;
import io.mlopsagent.actors.learn.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.data.Tuple;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;

/**
 * The two forests {@link SmileForestTrainer} fits, or the duration forest and a constant risk when
 * the training outcomes were all successes or all failures.
 *
 * <p>Thread-safe once constructed: the forests are read-only, and the constructor binds their
 * formulas to the one feature schema every prediction uses (Smile rebinds, unsynchronized, when a
 * tuple comes with another schema instance).
 */
final class SmileForestPredictor implements OutcomePredictor {
  // Bumped when the layout written by serialize() changes, so old bytes fail clearly; also when
  // the features change (2: the rolling feature), as forests trained on other columns would
  // read the wrong ones. Old bytes then fail, and the learner retrains from the journaled outcomes.
  private static final int FORMAT = 2;
  // Only Smile's model classes and the JDK's may come out of the bytes: they come from the
  // journal, but deserializing anything else would be a door left open.
  private static final ObjectInputFilter ONLY_MODELS =
      ObjectInputFilter.Config.createFilter("maxdepth=200;smile.**;java.base/*;!*");

  private final smile.regression.RandomForest durationForest;
  private final smile.classification.RandomForest riskForest;
  private final double constantRisk;
  private final StructType schema;
  private final Map<String, Double> importances;

  /**
   * @param riskForest null when the training outcomes had one label only
   * @param constantRisk the risk predicted without {@code riskForest}; ignored with one
   */
  SmileForestPredictor(smile.regression.RandomForest durationForest, smile.classification.RandomForest riskForest,
      double constantRisk) {
    this.durationForest = durationForest;
    this.riskForest = riskForest;
    this.constantRisk = riskForest == null ? constantRisk : Double.NaN;
    this.schema = DataTypes.struct(DeploymentFeatures.NAMES.stream()
        .map(name -> new StructField(name, DataTypes.DoubleType)).toArray(StructField[]::new));
    durationForest.formula().bind(schema);
    if (riskForest != null) {
      riskForest.formula().bind(schema);
    }
    this.importances = importances(durationForest.importance(), riskForest == null ? null : riskForest.importance());
  }

  @Override
  public Prediction predict(DeploymentFeatures features) {
    Tuple x = Tuple.of(features.toArray(), schema);
    // The forest learned the time beyond the analysis the plan sets; that part is added back.
    double duration = Math.max(0, durationForest.predict(x)) + features.analysisSeconds();
    if (riskForest == null) {
      return new Prediction(duration, constantRisk);
    }
    double[] posterior = new double[2];
    riskForest.predict(x, posterior);
    // Class labels 0 and 1 are the forest's indices 0 and 1: Smile orders the labels it saw.
    return new Prediction(duration, posterior[1]);
  }

  /**
   * The mean of the two forests' impurity-decrease importances, each normalized to sum 1, so a
   * feature that only drives the risk (or only the duration) still shows; the duration forest's
   * alone when there is no risk forest. Equal shares when no tree split at all.
   */
  @Override
  public Map<String, Double> featureImportances() {
    return importances;
  }

  private static Map<String, Double> importances(double[] duration, double[] risk) {
    List<String> names = DeploymentFeatures.NAMES;
    double[] sum = new double[names.size()];
    int parts = add(sum, duration) + (risk == null ? 0 : add(sum, risk));
    Map<String, Double> byName = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), parts == 0 ? 1.0 / names.size() : sum[i] / parts);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Adds {@code importance}, normalized, to {@code sum}; 1 if it counted, 0 if it was all zero. */
  private static int add(double[] sum, double[] importance) {
    double total = 0;
    for (double v : importance) {
      total += v;
    }
    if (!(total > 0)) {
      return 0;
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += importance[i] / total;
    }
    return 1;
  }

  @Override
  public byte[] serialize() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeObject(durationForest);
      out.writeBoolean(riskForest != null);
      if (riskForest != null) {
        out.writeObject(riskForest);
      } else {
        out.writeDouble(constantRisk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the forests", e);
    }
    return bytes.toByteArray();
  }

  /** The predictor {@link #serialize()} wrote. */
  static SmileForestPredictor read(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(ONLY_MODELS);
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IllegalArgumentException("predictor bytes have format " + format + ", this version reads " + FORMAT);
      }
      smile.regression.RandomForest duration = (smile.regression.RandomForest) in.readObject();
      if (in.readBoolean()) {
        return new SmileForestPredictor(duration, (smile.classification.RandomForest) in.readObject(), Double.NaN);
      }
      return new SmileForestPredictor(duration, null, in.readDouble());
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException("predictor bytes are not a Smile forest pair: " + e.getMessage(), e);
    }
  }
}
