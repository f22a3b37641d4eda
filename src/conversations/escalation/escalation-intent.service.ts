import { Injectable } from '@nestjs/common';
import { classifyEscalation, EscalationVerdict } from './escalation-classifier';

/** DI token for whatever decides that a visitor wants a human, so a model can replace the rules. */
export abstract class EscalationIntentDetector {
  abstract detect(text: string): EscalationVerdict;
}

/**
 * Requests to reach a person are short; the rules' cost grows with length, so only the start of a
 * long message is read (a 4,000-character message would otherwise cost tens of milliseconds).
 */
export const CLASSIFIED_PREFIX_LENGTH = 1000;

@Injectable()
export class RuleBasedEscalationDetector extends EscalationIntentDetector {
  detect(text: string): EscalationVerdict {
    return classifyEscalation(text.slice(0, CLASSIFIED_PREFIX_LENGTH));
  }
}
