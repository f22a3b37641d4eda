import { Injectable } from '@nestjs/common';
import { EscalationVerdict } from './escalation-classifier';
import { detectEscalation, EscalationContext } from './escalation-detector';
import { EscalationModel, EscalationModelFile } from './escalation-model';
import modelFile from './escalation-weights.json';

/** DI token for whatever decides that a visitor wants a human, so another detector can replace this one. */
export abstract class EscalationIntentDetector {
  abstract detect(text: string, context?: EscalationContext): EscalationVerdict;
}

/** The rules and the learned model together (escalation-detector.ts), with the committed weights. */
@Injectable()
export class RulesAndModelEscalationDetector extends EscalationIntentDetector {
  private readonly model = EscalationModel.fromFile(modelFile as EscalationModelFile);

  detect(text: string, context?: EscalationContext): EscalationVerdict {
    return detectEscalation(this.model, text, context);
  }
}
