import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPathFrom, loadDataset } from '../conversations/escalation/escalation-dataset';
import {
  CORPUS_INPUT,
  digestOf,
  digestsOfOwnInputs,
  TrainedModelFile,
  trainEscalationModel,
} from '../conversations/escalation/escalation-training';

/**
 * `npm run train:escalation`: chooses the escalation model's thresholds by cross-validation on
 * the training split (our own sets and the corpus's training lines), trains it on the whole
 * training split and writes escalation-weights.json with the digests of the inputs, then prints
 * the cross-validated figures. Deterministic: the same inputs give the same file.
 * The corpus: `-- --corpus PATH` or ESCALATION_CORPUS, by default ../shared/data/escalation-corpus/corpus.tsv
 * from the repository's root.
 * `-- --errors` also lists the training messages the cross-validation gets wrong (never validation ones).
 */
function trainAndWrite(): void {
  const corpusPath = corpusPathFrom(process.argv, process.env);
  const messages = loadDataset(corpusPath);
  const { file, crossValidated, outOfFoldErrors } = trainEscalationModel(messages);
  const trained: TrainedModelFile = {
    ...file,
    trainedFrom: { ...digestsOfOwnInputs(), [CORPUS_INPUT]: digestOf(corpusPath) },
  };
  writeFileSync(join(__dirname, '..', 'conversations', 'escalation', 'escalation-weights.json'), `${JSON.stringify(trained)}\n`);
  const training = messages.filter((message) => message.split === 'training').length;
  console.log(`trained on ${training} messages; thresholds ${JSON.stringify(file.thresholds)}`);
  console.log('cross-validated (each message scored by a model that did not see it):');
  for (const { language, evaluation } of crossValidated) {
    const figures = `precision ${evaluation.precision.toFixed(3)}, recall ${evaluation.recall.toFixed(3)}`;
    const requests = evaluation.truePositives + evaluation.falseNegatives;
    console.log(`  ${language}: ${figures} (${evaluation.total} messages, ${requests} requests)`);
  }
  if (process.argv.includes('--errors')) {
    for (const message of outOfFoldErrors) {
      const kind = message.shouldEscalate ? 'missed' : 'false alarm';
      console.log(`${kind}\t${message.language}\t${message.origin === 'own' ? message.source : 'corpus'}\t${message.text}`);
    }
  }
}

trainAndWrite();
