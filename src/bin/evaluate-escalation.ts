import { classifyEscalation } from '../conversations/escalation/escalation-classifier';
import { DATASET_SOURCES, DatasetMessage, loadDataset } from '../conversations/escalation/escalation-dataset';
import { RulesAndModelEscalationDetector } from '../conversations/escalation/escalation-intent.service';
import {
  adversarialMessages,
  Classify,
  evaluateByLanguage,
  measureLatency,
} from '../conversations/escalation/evaluate-escalation';

/**
 * `npm run eval:escalation`: precision and recall of the escalation detector, and of its rules
 * alone for comparison, per language: on the whole set, per source (held-out and held-out-3 are
 * the held-out split) and on the tuning split (which the shipped model was trained on: in-sample);
 * then its latency.
 * Misclassified messages are never listed here, so that nothing is tuned on held-out errors
 * (`npm run train:escalation -- --errors` lists the tuning split's cross-validated ones).
 */
function evaluate(): void {
  const messages = loadDataset();
  const detector = new RulesAndModelEscalationDetector();
  const detect: Classify = (text) => detector.detect(text);
  const classifiers: [string, Classify][] = [
    ['rules and model', detect],
    ['rules alone', classifyEscalation],
  ];
  const groups: [string, DatasetMessage[]][] = [
    ['whole set', messages],
    ...DATASET_SOURCES.map((source): [string, DatasetMessage[]] => [
      `source: ${source}`,
      messages.filter((message) => message.source === source),
    ]),
    ['tuning split: original, extended and held-out-2 (in-sample)', messages.filter((message) => message.split === 'tuning')],
  ];
  console.log('| classifier | messages | language | n | positives | precision | recall |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const [name, classify] of classifiers) {
    for (const [group, rows] of groups) {
      for (const { language, evaluation } of evaluateByLanguage(rows, classify)) {
        const positives = evaluation.truePositives + evaluation.falseNegatives;
        const figures = `${evaluation.precision.toFixed(3)} | ${evaluation.recall.toFixed(3)}`;
        console.log(`| ${name} | ${group} | ${language} | ${evaluation.total} | ${positives} | ${figures} |`);
      }
    }
  }

  const typical = measureLatency(messages.map((message) => message.text), detect);
  const adversarial = measureLatency(adversarialMessages(), detect);
  console.log(
    `\nlatency per message over the ${messages.length} labelled messages: median ${format(typical.medianMs)}, ` +
      `p99 ${format(typical.p99Ms)}, max ${format(typical.maxMs)}`,
  );
  console.log(`worst of ${adversarialMessages().length} adversarial 4,000-character messages: ${format(adversarial.maxMs)}`);
}

function format(ms: number): string {
  return `${ms.toFixed(4)} ms`;
}

evaluate();
