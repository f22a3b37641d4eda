import { readFileSync } from 'fs';
import { join } from 'path';
import { DatasetMessage, FOLDS } from './escalation-dataset';
import { CORPUS_INPUT, digestsOfOwnInputs, TRAINING_OPTIONS, TrainedModelFile, trainEscalationModel } from './escalation-training';

describe('trainEscalationModel', () => {
  const message = (text: string, shouldEscalate: boolean, index: number): DatasetMessage => ({
    text,
    shouldEscalate,
    language: 'en',
    origin: 'own',
    source: 'extended',
    split: 'training',
    fold: index % FOLDS,
  });
  const messages = [
    ...['talk to billing', 'someone in accounts please', 'put me through to reception', 'I want a nurse', 'call me back'].map(
      (text, i) => message(text, true, i),
    ),
    ...['where is the billing page', 'accounts are free', 'reception is open', 'nurse shoes in size 9', 'call the API'].map(
      (text, i) => message(text, false, i),
    ),
    { ...message('how do I reach a person', true, 0), origin: 'corpus' as const, split: 'validation' as const, fold: null },
  ];
  const options = { ...TRAINING_OPTIONS, buckets: 1 << 12 };

  it('gives the same weights and thresholds for the same data', () => {
    expect(trainEscalationModel(messages, options).file).toEqual(trainEscalationModel(messages, options).file);
  });

  it('never reads the validation split', () => {
    const relabelled = messages.map((m) => (m.split === 'validation' ? { ...m, shouldEscalate: !m.shouldEscalate } : m));
    expect(trainEscalationModel(relabelled, options).file).toEqual(trainEscalationModel(messages, options).file);
  });

  it('reports cross-validated figures for every training message', () => {
    const { crossValidated } = trainEscalationModel(messages, options);
    expect(crossValidated[0]).toMatchObject({ language: 'all', evaluation: { total: 10 } });
  });
});

describe('escalation-weights.json', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, 'escalation-weights.json'), 'utf8')) as TrainedModelFile;

  // Training reads the corpus beside the repository, which a clone may not have: the weights
  // record the digest of every input instead, and `npm run train:escalation` is deterministic.
  it("was trained from the repository's data and code as they are now: run `npm run train:escalation` after changing them", () => {
    const { [CORPUS_INPUT]: corpus, ...own } = committed.trainedFrom;
    expect(own).toEqual(digestsOfOwnInputs());
    expect(corpus).toMatch(/^[0-9a-f]{64}$/);
  });
});
