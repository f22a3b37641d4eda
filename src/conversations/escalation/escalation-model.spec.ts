import { EscalationModel, featureBuckets, occurrenceWeight } from './escalation-model';
import { prepareMessage } from './escalation-text';

const THRESHOLDS = { request: 0.5, blocked: 1, veto: 0, pushback: 0.3 };

describe('featureBuckets', () => {
  const input = { clauses: prepareMessage('talk to billing'), categoryClauses: [['#reachVerbs', 'to', '#roles']] };

  it('hashes the same message to the same buckets, all within range', () => {
    const found = featureBuckets(input, 1024);
    expect(found).toEqual(featureBuckets(input, 1024));
    expect(found.every((bucket) => Number.isInteger(bucket) && bucket >= 0 && bucket < 1024)).toBe(true);
  });

  it('tells words apart from their categories and from other orders', () => {
    const swapped = { clauses: prepareMessage('billing to talk'), categoryClauses: [['#roles', 'to', '#reachVerbs']] };
    expect(featureBuckets(swapped, 1 << 18)).not.toEqual(featureBuckets(input, 1 << 18));
  });

  it('finds nothing in an empty message', () => {
    expect(featureBuckets({ clauses: [], categoryClauses: [] }, 1024)).toEqual([]);
    expect(occurrenceWeight(0)).toBe(0);
    expect(occurrenceWeight(4)).toBe(0.5);
  });
});

describe('EscalationModel', () => {
  it('adds the weights of the features found to the bias', () => {
    const weights = Buffer.from(Int8Array.from({ length: 8 }, () => 1).buffer).toString('base64');
    const model = EscalationModel.fromFile({ buckets: 8, bias: -1, scale: 0.5, weights, thresholds: THRESHOLDS });
    const input = { clauses: [['hi']], categoryClauses: [['hi']] };
    const found = featureBuckets(input, 8).length;
    const logit = -1 + 0.5 * found * occurrenceWeight(found);
    expect(model.probability(input)).toBeCloseTo(1 / (1 + Math.exp(-logit)), 6);
  });

  it('refuses a weights file whose size does not match', () => {
    const weights = Buffer.from(new Int8Array(6).buffer).toString('base64');
    expect(() => EscalationModel.fromFile({ buckets: 8, bias: 0, scale: 1, weights, thresholds: THRESHOLDS })).toThrow(
      /expected 8 weights/,
    );
  });
});
