import { classifyEscalation, EscalationVerdict } from './escalation-classifier';

export interface LabelledMessage {
  shouldEscalate: boolean;
  language: string;
  text: string;
}

export interface EscalationEvaluation {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  total: number;
}

/** Reads the `label<TAB>language<TAB>text` evaluation set, header line first. */
export function parseLabelledMessages(tsv: string): LabelledMessage[] {
  return tsv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [label, language, ...text] = line.split('\t');
      return { shouldEscalate: label === '1', language, text: text.join('\t') };
    });
}

/**
 * Precision and recall of a classifier over labelled messages. With nothing to find, or
 * nothing flagged, the matching ratio is 1: no miss and no false alarm was possible.
 */
export function evaluateEscalation(
  rows: readonly LabelledMessage[],
  classify: (text: string) => EscalationVerdict = classifyEscalation,
): EscalationEvaluation {
  const outcomes = rows.map((row) => ({ expected: row.shouldEscalate, detected: classify(row.text).detected }));
  const truePositives = outcomes.filter((o) => o.expected && o.detected).length;
  const falsePositives = outcomes.filter((o) => !o.expected && o.detected).length;
  const falseNegatives = outcomes.filter((o) => o.expected && !o.detected).length;
  return {
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    truePositives,
    falsePositives,
    falseNegatives,
    total: rows.length,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}
