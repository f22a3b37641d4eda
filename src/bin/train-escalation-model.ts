import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../conversations/escalation/escalation-dataset';
import { trainEscalationModel } from '../conversations/escalation/escalation-training';

/**
 * `npm run train:escalation`: chooses the escalation model's thresholds by cross-validation on
 * the tuning split, trains it on the whole tuning split and writes escalation-weights.json, then
 * prints the cross-validated figures. Deterministic: the same data gives the same file.
 * `-- --errors` also lists the tuning messages the cross-validation gets wrong (never held-out ones).
 */
function trainAndWrite(): void {
  const messages = loadDataset();
  const { file, crossValidated, outOfFoldErrors } = trainEscalationModel(messages);
  writeFileSync(join(__dirname, '..', 'conversations', 'escalation', 'escalation-weights.json'), `${JSON.stringify(file)}\n`);
  const tuning = messages.filter((message) => message.split === 'tuning').length;
  console.log(`trained on ${tuning} tuning messages; thresholds ${JSON.stringify(file.thresholds)}`);
  console.log('cross-validated (each message scored by a model that did not see it):');
  for (const { language, evaluation } of crossValidated) {
    console.log(`  ${language}: precision ${evaluation.precision.toFixed(3)}, recall ${evaluation.recall.toFixed(3)} (${evaluation.total} messages)`);
  }
  if (process.argv.includes('--errors')) {
    for (const message of outOfFoldErrors) {
      console.log(`${message.shouldEscalate ? 'missed' : 'false alarm'}\t${message.language}\t${message.text}`);
    }
  }
}

trainAndWrite();
