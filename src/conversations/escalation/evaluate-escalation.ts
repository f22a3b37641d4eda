/**
 * Precision, recall and latency of an escalation classifier over the labelled messages
 * (escalation-dataset.ts). `npm run eval:escalation` prints them (src/bin/evaluate-escalation.ts).
 */
import { performance } from 'perf_hooks';
import { EscalationVerdict } from './escalation-classifier';
import { DATASET_LANGUAGES, LabelledMessage } from './escalation-dataset';

export type Classify = (text: string) => EscalationVerdict;

export interface EscalationEvaluation {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  total: number;
}

export interface LatencySummary {
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Whether one message was expected to escalate and whether it was detected. */
export interface Outcome {
  language: string;
  expected: boolean;
  detected: boolean;
}

export interface LanguageEvaluation {
  /** A language code, or 'all'. */
  language: string;
  evaluation: EscalationEvaluation;
}

/** Precision and recall of a classifier over labelled messages. */
export function evaluateEscalation(rows: readonly LabelledMessage[], classify: Classify): EscalationEvaluation {
  return summarise(outcomesOf(rows, classify));
}

/** The evaluation of all rows, then of each language's. */
export function evaluateByLanguage(rows: readonly LabelledMessage[], classify: Classify): LanguageEvaluation[] {
  return summariseByLanguage(outcomesOf(rows, classify));
}

export function summariseByLanguage(outcomes: readonly Outcome[]): LanguageEvaluation[] {
  return ['all', ...DATASET_LANGUAGES].map((language) => ({
    language,
    evaluation: summarise(outcomes.filter((outcome) => language === 'all' || outcome.language === language)),
  }));
}

/** With nothing to find, or nothing flagged, the matching ratio is 1: no miss and no false alarm was possible. */
export function summarise(outcomes: readonly Outcome[]): EscalationEvaluation {
  const truePositives = outcomes.filter((o) => o.expected && o.detected).length;
  const falsePositives = outcomes.filter((o) => !o.expected && o.detected).length;
  const falseNegatives = outcomes.filter((o) => o.expected && !o.detected).length;
  return {
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    truePositives,
    falsePositives,
    falseNegatives,
    total: outcomes.length,
  };
}

function outcomesOf(rows: readonly LabelledMessage[], classify: Classify): Outcome[] {
  return rows.map((row) => ({ language: row.language, expected: row.shouldEscalate, detected: classify(row.text).detected }));
}

/**
 * Wall time of one classification per text, after one warm-up pass. Each text is timed
 * `repeats` times and its fastest run kept, which removes the machine's noise but not the work.
 */
export function measureLatency(texts: readonly string[], classify: Classify, repeats = 5): LatencySummary {
  texts.forEach((text) => classify(text));
  const times = texts
    .map((text) => Math.min(...Array.from({ length: repeats }, () => timed(() => classify(text)))))
    .sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)],
    p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))],
    maxMs: times[times.length - 1],
  };
}

/**
 * 4,000-character messages (the longest the API accepts) built to cost the most: characters
 * that expand under Unicode normalisation, letters with many accents, words that are one edit
 * from keywords (each one tried as a typo), unknown words, and clauses full of person words.
 */
export function adversarialMessages(length = 4000): string[] {
  const fill = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return [
    fill('\uFDFA'),
    fill('\u1EA0\u0301\u0302'),
    fill('humna agnet operater representitive '),
    fill('zqxw vbnm plok '),
    Array.from({ length: length / 8 }, (_, i) => `w${(i * 7919).toString(36)}ab`).join(' ').slice(0, length),
    fill('can I not talk to a person or an agent please '),
    fill('a'),
  ];
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}
