import { readFileSync } from 'fs';
import { join } from 'path';
import { DatasetMessage, FOLDS, loadDataset } from './escalation-dataset';
import { TRAINING_OPTIONS, trainEscalationModel } from './escalation-training';

describe('trainEscalationModel', () => {
  const message = (text: string, shouldEscalate: boolean, index: number): DatasetMessage => ({
    text,
    shouldEscalate,
    language: 'en',
    source: 'extended',
    split: 'tuning',
    fold: index % FOLDS,
  });
  const messages = [
    ...['talk to billing', 'someone in accounts please', 'put me through to reception', 'I want a nurse', 'call me back'].map(
      (text, i) => message(text, true, i),
    ),
    ...['where is the billing page', 'accounts are free', 'reception is open', 'nurse shoes in size 9', 'call the API'].map(
      (text, i) => message(text, false, i),
    ),
    { ...message('how do I reach a person', true, 0), split: 'held-out' as const, fold: null },
  ];
  const options = { ...TRAINING_OPTIONS, buckets: 1 << 12 };

  it('gives the same weights and thresholds for the same data', () => {
    expect(trainEscalationModel(messages, options).file).toEqual(trainEscalationModel(messages, options).file);
  });

  it('never reads the held-out split', () => {
    const relabelled = messages.map((m) => (m.split === 'held-out' ? { ...m, shouldEscalate: !m.shouldEscalate } : m));
    expect(trainEscalationModel(relabelled, options).file).toEqual(trainEscalationModel(messages, options).file);
  });

  it('reports cross-validated figures for every tuning message', () => {
    const { crossValidated } = trainEscalationModel(messages, options);
    expect(crossValidated[0]).toMatchObject({ language: 'all', evaluation: { total: 10 } });
  });

  it('is what escalation-weights.json holds: run `npm run train:escalation` after changing data or features', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, 'escalation-weights.json'), 'utf8'));
    expect(trainEscalationModel(loadDataset()).file).toEqual(committed);
  });
});
