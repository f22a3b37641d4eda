/**
 * The rules and the model together. The rules are trusted for what they are sure of: a clear
 * request or frustration with the assistant (unless the model is nearly certain it is not one:
 * "would you call yourself a human or a computer?"), and clear blockers such as a negated request
 * or a question about the assistant (unless the model is nearly certain it is one). Everything
 * the rules have no opinion on is the model's call: departments and roles ("someone in
 * accounts"), how to reach someone, refusing the bot, misspellings beyond one edit.
 *
 * One signal comes from the conversation: a visitor who pushes back ("that's useless", "so what
 * now?") right after the assistant said it cannot help is offered a person.
 */
import { analyseMessage, EscalationVerdict, pushesBack, RuleReading, saysItCannotHelp } from './escalation-classifier';
import { EscalationModel, EscalationThresholds } from './escalation-model';
import { prepareMessage } from './escalation-text';

export interface EscalationContext {
  /** The conversation's last assistant message before the visitor's, if any. */
  previousAssistantMessage?: string | null;
}

const NOT_DETECTED: EscalationVerdict = { detected: false, reason: 'none' };
const LEARNED: EscalationVerdict = { detected: true, reason: 'learned' };

export function detectEscalation(model: EscalationModel, text: string, context: EscalationContext = {}): EscalationVerdict {
  const clauses = prepareMessage(text);
  const { reading, categoryClauses } = analyseMessage(clauses);
  const probability = model.probability({ clauses, categoryClauses });
  const verdict = decideEscalation(reading, probability, model.thresholds);
  if (verdict.detected || reading === 'blocked' || !context.previousAssistantMessage) return verdict;
  const pushedBack = pushesBack(clauses) || probability >= model.thresholds.pushback;
  return pushedBack && saysItCannotHelp(prepareMessage(context.previousAssistantMessage))
    ? { detected: true, reason: 'pushback_after_no_help' }
    : verdict;
}

/** The verdict on one message from the rules' reading and the model's probability. */
export function decideEscalation(
  reading: RuleReading,
  probability: number,
  thresholds: EscalationThresholds,
): EscalationVerdict {
  switch (reading) {
    case 'explicit_request':
    case 'refusal':
    case 'frustration':
      return probability >= thresholds.veto ? { detected: true, reason: reading } : NOT_DETECTED;
    case 'blocked':
      return probability >= thresholds.blocked ? LEARNED : NOT_DETECTED;
    case 'none':
      return probability >= thresholds.request ? LEARNED : NOT_DETECTED;
  }
}
