import { RuleReading } from './escalation-classifier';
import { decideEscalation, detectEscalation } from './escalation-detector';
import { EscalationIntentDetector, RulesAndModelEscalationDetector } from './escalation-intent.service';
import { EscalationModel, EscalationThresholds } from './escalation-model';

const THRESHOLDS: EscalationThresholds = { request: 0.6, blocked: 0.95, veto: 0.05, pushback: 0.3 };

/** A model that gives every message the same probability: the rules and the context decide the rest. */
function constantModel(probability: number): EscalationModel {
  const weights = Buffer.from(new Int8Array(16).buffer).toString('base64');
  const bias = Math.log(probability / (1 - probability));
  return EscalationModel.fromFile({ buckets: 16, bias, scale: 1, weights, thresholds: THRESHOLDS });
}

describe('decideEscalation', () => {
  it.each<[RuleReading, number, boolean, string]>([
    ['explicit_request', 0.5, true, 'explicit_request'],
    ['explicit_request', 0.01, false, 'none'],
    ['refusal', 0.3, true, 'refusal'],
    ['frustration', 0.2, true, 'frustration'],
    ['frustration', 0.04, false, 'none'],
    ['blocked', 0.9, false, 'none'],
    ['blocked', 0.97, true, 'learned'],
    ['none', 0.59, false, 'none'],
    ['none', 0.6, true, 'learned'],
  ])('reads %s with probability %p as detected=%p (%s)', (reading, probability, detected, reason) => {
    expect(decideEscalation(reading, probability, THRESHOLDS)).toEqual({ detected, reason });
  });
});

describe('detectEscalation', () => {
  it('trusts the rules for a clear request and a clear blocker, and the model for the rest', () => {
    const unsure = constantModel(0.5);
    expect(detectEscalation(unsure, 'can I talk to a human?')).toEqual({ detected: true, reason: 'explicit_request' });
    expect(detectEscalation(unsure, 'no need for a human, thanks')).toEqual({ detected: false, reason: 'none' });
    expect(detectEscalation(unsure, 'someone in accounts, please')).toEqual({ detected: false, reason: 'none' });
    expect(detectEscalation(constantModel(0.9), 'someone in accounts, please')).toEqual({ detected: true, reason: 'learned' });
  });

  it('offers a person to a visitor who pushes back right after the assistant said it cannot help', () => {
    const doubtful = constantModel(0.1);
    const afterNoHelp = { previousAssistantMessage: "Sorry, I can't help with that." };
    expect(detectEscalation(doubtful, 'so what now?', afterNoHelp)).toEqual({ detected: true, reason: 'pushback_after_no_help' });
    expect(detectEscalation(doubtful, 'so what now?')).toEqual({ detected: false, reason: 'none' });
    expect(detectEscalation(doubtful, 'so what now?', { previousAssistantMessage: 'Your order ships tomorrow.' })).toEqual({
      detected: false,
      reason: 'none',
    });
    expect(detectEscalation(doubtful, 'ok, thanks', afterNoHelp)).toEqual({ detected: false, reason: 'none' });
    expect(detectEscalation(doubtful, 'no need for a human', afterNoHelp)).toEqual({ detected: false, reason: 'none' });
  });

  it('counts a push-back the model is moderately sure of, after a "cannot help"', () => {
    const afterNoHelp = { previousAssistantMessage: "I don't have that information." };
    expect(detectEscalation(constantModel(0.35), 'hmm, really', afterNoHelp).detected).toBe(true);
    expect(detectEscalation(constantModel(0.25), 'hmm, really', afterNoHelp).detected).toBe(false);
  });
});

describe('RulesAndModelEscalationDetector', () => {
  const detector: EscalationIntentDetector = new RulesAndModelEscalationDetector();

  it.each([
    'one of your staff',
    'put me through to reception',
    'what do I have to do to talk to an agent?',
    'how long until I can speak to someone?',
    "I don't want to talk to you",
    "I won't give my details to a machine",
    'this isn\'t working at all',
    'handoff',
    'operator!!',
  ])('offers a person for %p, which the rules alone used to miss', (text) => {
    expect(detector.detect(text).detected).toBe(true);
  });

  it.each([
    'no need for a human, thanks',
    'are you a human?',
    'would you call yourself a human or a computer?',
    'human resources',
    'human error',
    'does the agent seat license include reporting?',
    // questions about the bot put as instructions, conditionals or requests for information
    'tell me if you are a bot',
    "I'd like to know whether this chat is automated",
    "let me know if I'm talking to a real person",
    // service requests that start the way a request for a person does
    'I want to transfer 200 pounds to my savings account',
    'I need to change the PIN on my debit card',
    'I would like to book a double room for two nights',
    "I'd like to order a replacement card",
    'quiero cancelar mi reserva de hotel',
    'je voudrais réserver une chambre double',
    'ich möchte Geld auf mein Sparkonto überweisen',
    // waiting times
    'how long does a bank transfer take?',
    'how long is the wait for a table tonight?',
  ])('stays quiet on %p', (text) => {
    expect(detector.detect(text)).toEqual({ detected: false, reason: 'none' });
  });

  it.each([
    ["I can't help with that.", "that's useless"],
    ['Lo siento, no tengo esa información.', 'y ahora qué hago?'],
    ["Désolé, je ne peux pas vous aider avec ça.", 'et maintenant ?'],
    ['Dabei kann ich leider nicht helfen.', 'und was jetzt?'],
    ['Não tenho essa informação.', 'e agora, o que eu faço?'],
    ['Non posso aiutarti con questo.', 'e adesso cosa faccio?'],
    ['Daar kan ik je niet mee helpen.', 'wat nu?'],
  ])('after %p, offers a person to %p', (assistant, visitor) => {
    expect(detector.detect(visitor, { previousAssistantMessage: assistant }).detected).toBe(true);
  });

  it.each(['what now?', 'y ahora qué hago?', 'et maintenant ?', 'und was jetzt?', 'wat nu?'])(
    'reads %p alone, or after an ordinary answer, as no request',
    (visitor) => {
      expect(detector.detect(visitor).detected).toBe(false);
      expect(detector.detect(visitor, { previousAssistantMessage: 'Your parcel arrives on Monday.' }).detected).toBe(false);
    },
  );
});
