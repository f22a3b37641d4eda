/**
 * Trains the escalation model (escalation-model.ts): logistic regression with AdaGrad and a
 * little L2, in an order fixed by a seeded shuffle, so the same data gives the same weights
 * byte for byte. The validation split is never read here.
 *
 * The decision thresholds are chosen by cross-validation over the training split: each fold is
 * scored by a model trained on the other folds (with quantised weights, exactly as the service
 * runs them). Precision comes first, since an offer to a visitor who did not ask is the costlier
 * error: of the thresholds whose out-of-fold precision reaches TARGET_PRECISION overall and in
 * every language with MIN_REQUESTS_TO_MEASURE requests, the one with the best recall wins. The
 * model shipped is then trained on the whole training split.
 */
import { analyseMessage, RuleReading } from './escalation-classifier';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DatasetMessage, FOLDS, OWN_SOURCES } from './escalation-dataset';
import { decideEscalation } from './escalation-detector';
import {
  EscalationModel,
  EscalationModelFile,
  EscalationThresholds,
  featureBuckets,
  ModelInput,
  occurrenceWeight,
  sigmoid,
} from './escalation-model';
import { prepareMessage } from './escalation-text';
import { LanguageEvaluation, summariseByLanguage } from './evaluate-escalation';

export interface TrainingOptions {
  /** A power of two: 2^18 keeps collisions rare for a few hundred thousand distinct features. */
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Not tuned (no labelled conversations): a moderate bar, since push-back follows a "cannot help". */
  pushbackThreshold: number;
}

export const TRAINING_OPTIONS: TrainingOptions = {
  buckets: 1 << 18,
  epochs: 12,
  learningRate: 0.3,
  l2: 1e-3,
  seed: 20_261_121,
  pushbackThreshold: 0.3,
};

/** Precision first: the thresholds reach this, then recall is made as good as it gets. */
export const TARGET_PRECISION = 0.97;
/** A language's precision is held to the target when it has at least this many requests to find. */
export const MIN_REQUESTS_TO_MEASURE = 40;

const QUANTISED_RANGE = 127;

interface Example {
  buckets: Map<number, number>;
  weight: number;
  label: number;
}

interface Scored {
  message: DatasetMessage;
  reading: RuleReading;
  probability: number;
}

/**
 * The repository's own files the weights follow from: the data, and the code that reads a
 * message into features, trains and chooses thresholds. Paths are relative to this folder.
 */
export const OWN_TRAINING_INPUTS: readonly string[] = [
  ...OWN_SOURCES.map((source) => `data/${source}.tsv`),
  'escalation-lexicons.ts',
  'escalation-text.ts',
  'escalation-classifier.ts',
  'escalation-model.ts',
  'escalation-detector.ts',
  'escalation-dataset.ts',
  'escalation-training.ts',
  'evaluate-escalation.ts',
];
/** The key of the corpus's digest among a weights file's inputs. */
export const CORPUS_INPUT = 'corpus.tsv';

/** escalation-weights.json: the model, and the SHA-256 of every input it was trained from. */
export interface TrainedModelFile extends EscalationModelFile {
  trainedFrom: Record<string, string>;
}

/** The digests of the repository's own training inputs as they are now. */
export function digestsOfOwnInputs(directory = __dirname): Record<string, string> {
  return Object.fromEntries(OWN_TRAINING_INPUTS.map((input) => [input, digestOf(join(directory, input))]));
}

export function digestOf(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface TrainedEscalationModel {
  file: EscalationModelFile;
  /** Out-of-fold figures with the chosen thresholds: all languages first, then each. */
  crossValidated: LanguageEvaluation[];
  /** The training messages the out-of-fold models get wrong: what to look at when improving data or features. */
  outOfFoldErrors: DatasetMessage[];
}

export function trainEscalationModel(messages: readonly DatasetMessage[], options = TRAINING_OPTIONS): TrainedEscalationModel {
  const training = messages.filter((message) => message.split === 'training');
  const scored = Array.from({ length: FOLDS }, (_, fold) => {
    const model = fitModel(training.filter((message) => message.fold !== fold), options);
    return training.filter((message) => message.fold === fold).map((message) => score(message, model));
  }).flat();
  const thresholds = chooseThresholds(scored, options);
  const file = quantise(fitLogistic(training, options), thresholds);
  const outOfFoldErrors = scored
    .filter(({ message, reading, probability }) => decideEscalation(reading, probability, thresholds).detected !== message.shouldEscalate)
    .map(({ message }) => message);
  return { file, crossValidated: evaluateScored(scored, thresholds), outOfFoldErrors };
}

function fitModel(messages: readonly DatasetMessage[], options: TrainingOptions): EscalationModel {
  const placeholder = { request: 0.5, blocked: 1, veto: 0, pushback: options.pushbackThreshold };
  return EscalationModel.fromFile(quantise(fitLogistic(messages, options), placeholder));
}

function score(message: DatasetMessage, model: EscalationModel): Scored {
  const clauses = prepareMessage(message.text);
  const { reading, categoryClauses } = analyseMessage(clauses);
  return { message, reading, probability: model.probability({ clauses, categoryClauses }) };
}

function fitLogistic(messages: readonly DatasetMessage[], options: TrainingOptions): { weights: Float64Array; bias: number } {
  const examples = messages.map((message) => toExample(message, options));
  const weights = new Float64Array(options.buckets);
  const squaredGradients = new Float64Array(options.buckets);
  let bias = 0;
  let biasSquaredGradient = 0;
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      let sum = 0;
      for (const [bucket, count] of example.buckets) sum += weights[bucket] * count;
      const error = sigmoid(bias + sum * example.weight) - example.label;
      for (const [bucket, count] of example.buckets) {
        const gradient = error * count * example.weight + options.l2 * weights[bucket];
        squaredGradients[bucket] += gradient * gradient;
        weights[bucket] -= (options.learningRate * gradient) / Math.sqrt(squaredGradients[bucket]);
      }
      biasSquaredGradient += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquaredGradient);
    }
  }
  return { weights, bias };
}

function toExample(message: DatasetMessage, options: TrainingOptions): Example {
  const found = featureBuckets(modelInputOf(message.text), options.buckets);
  const buckets = new Map<number, number>();
  for (const bucket of found) buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  return { buckets, weight: occurrenceWeight(found.length), label: message.shouldEscalate ? 1 : 0 };
}

function modelInputOf(text: string): ModelInput {
  const clauses = prepareMessage(text);
  return { clauses, categoryClauses: analyseMessage(clauses).categoryClauses };
}

function quantise(
  { weights, bias }: { weights: Float64Array; bias: number },
  thresholds: EscalationThresholds,
): EscalationModelFile {
  const largest = weights.reduce((max, weight) => Math.max(max, Math.abs(weight)), 0) || 1;
  const scale = largest / QUANTISED_RANGE;
  const quantised = Int8Array.from(weights, (weight) => Math.round(weight / scale));
  return {
    buckets: weights.length,
    bias: round(bias),
    scale: round(scale),
    weights: Buffer.from(quantised.buffer).toString('base64'),
    thresholds,
  };
}

/**
 * Of the thresholds whose out-of-fold precision reaches the target overall and in every language
 * with requests enough to measure, the one with the best recall; when none does, the one whose
 * worst precision is the best. Among equals, the most cautious (highest request bar, highest
 * blocked bar, highest veto), so that ties never lean towards firing.
 */
function chooseThresholds(scored: readonly Scored[], options: TrainingOptions): EscalationThresholds {
  let best = { rank: [-Infinity, -Infinity], thresholds: { request: 1, blocked: 1.01, veto: 1, pushback: options.pushbackThreshold } };
  for (const request of steps(0.3, 0.99, 0.01).reverse()) {
    for (const blocked of [1.01, 0.99, 0.98, 0.95, 0.9]) {
      for (const veto of [0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0]) {
        const thresholds = { request: round(request), blocked, veto, pushback: options.pushbackThreshold };
        const rank = rankOf(evaluateScored(scored, thresholds));
        if (rank[0] > best.rank[0] || (rank[0] === best.rank[0] && rank[1] > best.rank[1])) best = { rank, thresholds };
      }
    }
  }
  return best.thresholds;
}

/** [worst precision, capped at the target, over all languages and each measured one; overall recall]. */
function rankOf(byLanguage: readonly LanguageEvaluation[]): [number, number] {
  const measured = byLanguage.filter(
    ({ language, evaluation }) => language === 'all' || evaluation.truePositives + evaluation.falseNegatives >= MIN_REQUESTS_TO_MEASURE,
  );
  const worstPrecision = Math.min(...measured.map(({ evaluation }) => evaluation.precision));
  return [Math.min(worstPrecision, TARGET_PRECISION), byLanguage[0].evaluation.recall];
}

function evaluateScored(scored: readonly Scored[], thresholds: EscalationThresholds): LanguageEvaluation[] {
  return summariseByLanguage(
    scored.map(({ message, reading, probability }) => ({
      language: message.language,
      expected: message.shouldEscalate,
      detected: decideEscalation(reading, probability, thresholds).detected,
    })),
  );
}

function steps(from: number, to: number, step: number): number[] {
  return Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

/** Fisher–Yates with the given source of randomness. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** mulberry32: a small deterministic generator, so training needs no randomness from outside. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
