import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { classifyEscalation } from '../conversations/escalation/escalation-classifier';
import { corpusPathFrom, DatasetMessage, loadDataset } from '../conversations/escalation/escalation-dataset';
import { RulesAndModelEscalationDetector } from '../conversations/escalation/escalation-intent.service';
import {
  adversarialMessages,
  Classify,
  EscalationEvaluation,
  evaluateByLanguage,
  evaluateEscalation,
  measureLatency,
} from '../conversations/escalation/evaluate-escalation';

/**
 * `npm run eval:escalation`: precision and recall of the escalation detector, and of its rules
 * alone for comparison, on the validation split (the corpus's held-out bots and intents, and
 * held-out-3), per language and per source; on the training split too (in-sample: the model
 * was trained on it); then its latency and the memory it takes.
 * The corpus: `-- --corpus PATH` or ESCALATION_CORPUS (see train-escalation-model.ts).
 * Misclassified messages are never listed here, so that nothing is tuned on validation errors
 * (`npm run train:escalation -- --errors` lists the training split's cross-validated ones).
 */
function evaluate(): void {
  const messages = loadDataset(corpusPathFrom(process.argv, process.env));
  const detector = new RulesAndModelEscalationDetector();
  const detect: Classify = (text) => detector.detect(text);
  const validation = messages.filter((message) => message.split === 'validation');
  const groups: [string, DatasetMessage[]][] = [
    ['validation: corpus and held-out-3', validation],
    ['validation: corpus', validation.filter((message) => message.origin === 'corpus')],
    ['validation: held-out-3', validation.filter((message) => message.origin === 'own')],
    ['training split (in-sample)', messages.filter((message) => message.split === 'training')],
  ];
  console.log('| classifier | messages | language | n | requests | precision | recall | false alarms | misses |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, classify] of [['rules and model', detect], ['rules alone', classifyEscalation]] as [string, Classify][]) {
    for (const [group, rows] of groups) {
      for (const { language, evaluation } of evaluateByLanguage(rows, classify)) {
        if (evaluation.total > 0) printRow(name, group, language, evaluation);
      }
    }
  }
  console.log('\nvalidation, per source (rules and model):\n');
  console.log('| source | messages | requests | precision | recall | false alarms | misses |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const source of [...new Set(validation.map((message) => message.source))].sort()) {
    console.log(`| ${source} | ${figuresOf(evaluateEscalation(validation.filter((message) => message.source === source), detect))} |`);
  }

  const typical = measureLatency(messages.map((message) => message.text), detect);
  const adversarial = measureLatency(adversarialMessages(), detect);
  console.log(
    `\nlatency per message over the ${messages.length} labelled messages: median ${format(typical.medianMs)}, ` +
      `p99 ${format(typical.p99Ms)}, max ${format(typical.maxMs)}`,
  );
  console.log(`worst of ${adversarialMessages().length} adversarial 4,000-character messages: ${format(adversarial.maxMs)}`);
  const memory = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'escalation-memory.ts')]);
  console.log(`memory growth of a process that loads the detector and classifies: ${memory.toString().trim()}`);
}

function printRow(name: string, group: string, language: string, evaluation: EscalationEvaluation): void {
  console.log(`| ${name} | ${group} | ${language} | ${figuresOf(evaluation)} |`);
}

/** Messages, requests, precision, recall, false alarms, misses: with no request to find, the counts say what precision cannot. */
function figuresOf({ total, truePositives, falseNegatives, falsePositives, precision, recall }: EscalationEvaluation): string {
  return `${total} | ${truePositives + falseNegatives} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${falsePositives} | ${falseNegatives}`;
}

function format(ms: number): string {
  return `${ms.toFixed(4)} ms`;
}

evaluate();
