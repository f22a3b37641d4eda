import { Test } from '@nestjs/testing';
import { EscalationIntentDetector, RuleBasedEscalationDetector } from './escalation-intent.service';

describe('EscalationIntentDetector', () => {
  it('resolves to the rule-based detector through the abstract token', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [{ provide: EscalationIntentDetector, useClass: RuleBasedEscalationDetector }],
    }).compile();
    const detector = moduleRef.get(EscalationIntentDetector);

    expect(detector.detect('can I talk to a human?')).toEqual({ detected: true, reason: 'explicit_request' });
    expect(detector.detect('how do I reset my password?')).toEqual({ detected: false, reason: 'none' });
  });
});
