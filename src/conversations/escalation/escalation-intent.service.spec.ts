import { Test } from '@nestjs/testing';
import { EscalationIntentDetector, RulesAndModelEscalationDetector } from './escalation-intent.service';

describe('EscalationIntentDetector', () => {
  it('resolves to the rules-and-model detector through the abstract token', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [{ provide: EscalationIntentDetector, useClass: RulesAndModelEscalationDetector }],
    }).compile();
    const detector = moduleRef.get(EscalationIntentDetector);

    expect(detector.detect('can I talk to a human?')).toEqual({ detected: true, reason: 'explicit_request' });
    expect(detector.detect('how do I reset my password?')).toEqual({ detected: false, reason: 'none' });
  });
});
