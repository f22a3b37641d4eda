import * as fs from 'fs';
import * as path from 'path';
import { classifyEscalation, EscalationVerdict, isTypoOf } from './escalation-classifier';
import { LabelledMessage, parseLabelledMessages } from './escalation-dataset';
import { MAX_FOLDED_LENGTH, prepareMessage } from './escalation-text';
import { evaluateEscalation } from './evaluate-escalation';

const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl'];

describe('classifyEscalation', () => {
  it.each([
    'can I speak to someone?',
    'I need a real person',
    'get me a human',
    'transfer me to an agent',
    'let me talk to your manager',
    'is there a live agent?',
    'connect me with sales',
    'talk to support staff',
    'customer service representative please',
    'human please',
    'agent',
    'operator',
    'representative',
    'real person',
    'GET ME A HUMAN NOW',
    'speek to a humna',
    "I don't want to talk to a bot, I want a human",
    'why can\'t I talk to a human?',
    'quiero hablar con una persona',
    'hablar con un agente',
    'je veux parler à un conseiller',
    "un humain s'il vous plaît",
    'ich möchte mit einem Mitarbeiter sprechen',
    'echter Mensch bitte',
    'quero falar com um atendente',
    'vorrei parlare con un operatore',
    'ik wil met een medewerker spreken',
    'mag ik een echt persoon',
  ])('hears a request for a person in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'explicit_request' });
  });

  it.each([
    'this bot is useless',
    "you're not understanding me",
    'you are not helping',
    'this is pointless',
    'stupid bot',
    'ugh, pointless',
    'esto no sirve',
    'tu ne comprends rien',
    'du verstehst mich nicht',
  ])('treats frustration with the assistant in %p as a reason to offer a human', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'frustration' });
  });

  it.each([
    'put me through to reception',
    'can I speak to someone in billing?',
    'how do I contact billing?',
    'what do I have to do to talk to an agent?',
    'wie erreiche ich die Buchhaltung?',
    'wie spreche ich mit einem Menschen?',
    'could I be connected to the sales department',
    "I'd like to be in touch with someone in sales",
    '¿me puedes conectar con el equipo de ventas?',
    'me gustaría ponerme en contacto con un vendedor',
    'hand the conversation over to a human',
    'I want to talk to someone about my mortgage',
    'can I talk to the front desk about a late checkout?',
    'is anyone there?',
    'the link does not work and I need someone to help me',
  ])('hears a department, a way to reach someone or a person in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'explicit_request' });
  });

  it.each([
    "I don't want to talk to you",
    'no more bots please',
    'ich will nicht mit dir reden',
    'je ne veux pas parler à un robot',
    'no quiero hablar con una máquina',
    'ik wil niet met je praten',
    'ik wil niet met een AI praten',
    'non do i miei dati a un bot',
  ])('hears a refusal of the bot in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'refusal' });
  });

  it.each([
    'pass me to a person',
    'could you pass me to an agent',
    'can you put me through to someone',
    'transfer me to a human please',
    'pásame con una persona, por favor',
    "passez-moi un conseiller s'il vous plaît",
    'verbinden Sie mich bitte mit einem Mitarbeiter',
    'me passa para um atendente, por favor',
    'mi passi un operatore per favore',
    'verbind me door met een medewerker alstublieft',
  ])('hears passing, putting or transferring the visitor to a person as a request, not a refusal, in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'explicit_request' });
  });

  it.each([
    'this is not helping, can I talk to somebody else',
    'is there someone else I can ask?',
    'déjame hablar con otra persona de su equipo',
    "je voudrais parler à quelqu'un d'autre",
    'ich möchte mit jemand anderem sprechen',
    'quero falar com outra pessoa',
    'vorrei parlare con qualcun altro',
    'ik wil iemand anders spreken',
  ])('hears a request for somebody else in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'explicit_request' });
  });

  it.each([
    "can I speak to someone who isn't a bot",
    'I want someone who is not a machine',
    'necesito alguien que no sea un robot',
    "je veux quelqu'un qui ne soit pas un robot",
    'ich will mit jemandem reden, der kein Bot ist',
    'preciso de alguém que não seja um robô',
    'voglio qualcuno che non sia un bot',
    'ik wil praten met iemand die geen bot is',
  ])('hears a person described by what they are not in %p', (text) => {
    // "not a robot" also reads as refusing one: either way the visitor is offered a person.
    expect(classifyEscalation(text).detected).toBe(true);
  });

  it.each([
    "I'm not sharing my card number with a bot",
    "I won't share my medical history with a bot",
    "I don't want to give my details to a machine",
    'no voy a dar mis datos bancarios a una máquina',
  ])('hears not wanting to share details with a machine as a refusal of the bot in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'refusal' });
  });

  it.each([
    'this is going nowhere',
    "we're going round in circles",
    'esto no lleva a ninguna parte',
    'ça ne mène nulle part',
    'das führt zu nichts',
    'isso não leva a lugar nenhum',
    'non andiamo da nessuna parte',
    'dit leidt tot niets',
  ])('hears that the conversation is going nowhere in %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: true, reason: 'frustration' });
  });

  it('prefers the explicit request when a message both complains and asks', () => {
    expect(classifyEscalation('this bot is useless, get me a human').reason).toBe('explicit_request');
  });

  it.each([
    // negations
    'no need for a human, thanks',
    "please don't transfer me",
    "I don't want to talk to an agent",
    'no quiero hablar con nadie',
    "pas besoin d'un humain",
    'kein Mensch nötig',
    // questions about the assistant or the service
    'are you a human?',
    'am I talking to a real person?',
    'is this a bot?',
    'are you an AI?',
    '¿eres humano?',
    'bist du ein Mensch?',
    'êtes-vous un robot ?',
    'is your support available on weekends?',
    // person words that mean something else
    'human resources',
    'it was a human error',
    'where is your human rights policy?',
    'my user agent is Firefox',
    "I'm a travel agent",
    'do you work with real estate agents?',
    'we want to be an agent of change',
    'the operator precedence in JS',
    'which mobile operators do you support?',
    'is the price per person?',
    'is my personal data safe?',
    'who is your manager of partnerships?',
    'how many agents can I add to my plan?',
    'where is the billing address field?',
    'forward billing emails to my accountant',
    // questions about the assistant, its nature and the process
    'would you call yourself a human or a computer?',
    'spreche ich mit einem Menschen?',
    'do I have to talk to an agent to cancel?',
    // the bot mentioned without refusing it
    "I'm not a robot",
    'the coffee machine is broken',
    'no need for a human, the bot is fine',
    "I don't mind talking to a bot",
    // an insult aimed at something else
    'your prices went up again, ridiculous',
    // ordinary questions and mild complaints
    'do you speak French?',
    'does it support SSO?',
    'how do I reset my password?',
    "that's not what I asked",
    'the search filter on your site is useless on mobile',
    // words of one language that are keywords in another: French "je", "du", "j'en ai" and
    // "appelé", Spanish "del", English "do"
    'je suis nul en informatique',
    'le menu du restaurant est nul',
    "j'en ai assez de ces retards de livraison",
    "j'ai appelé hier et on m'a aidé",
    'no me gusta la respuesta del robot',
    "I don't have a computer at home",
    // which languages are spoken
    'welke talen spreken jullie agents?',
    'quelles langues parlent vos agents ?',
    // questions about the bot put as instructions, conditionals or requests for information
    'tell me if you are a bot',
    "let me know if I'm talking to a real person",
    "if you're a human, say so",
    'I wonder whether you are a human or a program',
    'dime si eres un robot',
    'dis-moi si tu es un robot',
    'sag mir, ob du ein Bot bist',
    'me diga se você é um robô',
    'dimmi se sei un bot',
    'zeg me of je een bot bent',
    // service requests that start the way a request for a person does
    'I want to pay somebody back for dinner',
    'I need to send money to someone abroad',
    'quiero pagarle a alguien por bizum',
    "je veux payer quelqu'un par virement",
    'quero pagar alguém pelo pix',
    'voglio pagare qualcuno con un bonifico',
    // somebody the visitor knows, not the business's staff; asking the assistant to tweet; jokes
    'how do I contact this person I met?',
    'comment joindre cette personne de mes contacts ?',
    'come contatto questa persona della mia rubrica?',
    "tweet a complaint to the airline's customer service",
    'tell me a joke about cats',
    'raconte-moi une blague',
    'cuéntame un chiste de gatos',
    // a department as the topic, not the one reached
    'I need to talk about my mortgage',
    'quiero hablar sobre mi hipoteca',
    'ich möchte über meine Hypothek sprechen',
    // waiting times
    'how long until I can speak to someone?',
    'how long is the wait to talk to an agent?',
    '¿cuánto tiempo de espera hay para hablar con un agente?',
    "quel est le temps d'attente pour parler à un conseiller ?",
    'wie lange ist die Wartezeit für einen Mitarbeiter?',
    'quanto tempo de espera para falar com um atendente?',
    'quanto tempo di attesa per parlare con un operatore?',
    'hoe lang is de wachttijd voor een medewerker?',
    '',
  ])('stays quiet on %p', (text) => {
    expect(classifyEscalation(text)).toEqual({ detected: false, reason: 'none' });
  });
});

describe('prepareMessage', () => {
  it('reads at most MAX_FOLDED_LENGTH characters, counted after Unicode decomposition', () => {
    // U+FDFA decomposes into 18 characters: a cap on the raw text would let 4,000 become 72,000.
    for (const text of ['\uFDFA'.repeat(4000), 'é '.repeat(2000), 'talk to a human '.repeat(250)]) {
      const read = prepareMessage(text).flat().join(' ');
      expect(read.length).toBeLessThanOrEqual(MAX_FOLDED_LENGTH);
      expect(read.length).toBeGreaterThan(MAX_FOLDED_LENGTH / 2);
    }
  });

  it('folds case, accents, repeated letters, punctuation and emoji', () => {
    expect(prepareMessage('GET ME A HUMAAAAN 🙏')).toEqual([['get', 'me', 'a', 'human']]);
    expect(prepareMessage('Pásame con atención')).toEqual([['pasame', 'con', 'atencion']]);
  });

  it('splits clauses so a negation stays in its own', () => {
    expect(prepareMessage("I don't want a bot, I want a human")).toEqual([
      ['i', 'do', 'not', 'want', 'a', 'bot'],
      ['i', 'want', 'a', 'human'],
    ]);
  });

  it("joins English contractions but splits French and Italian elisions", () => {
    expect(prepareMessage("I'd like d'un l'assistenza")).toEqual([['i', 'would', 'like', 'd', 'un', 'l', 'asistenza']]);
  });
});

describe('isTypoOf', () => {
  it.each([
    ['humna', 'human'],
    ['hmuan', 'human'],
    ['agnet', 'agent'],
    ['operater', 'operator'],
    ['representitive', 'representative'],
    ['somone', 'someone'],
    ['persn', 'person'],
  ])('reads %p as %p', (token, word) => {
    expect(isTypoOf(token, word)).toBe(true);
  });

  it.each([
    ['personal', 'persona', 'a letter added at the end makes another word'],
    ['managed', 'manager', 'a changed last letter makes another word'],
    ['reel', 'real', 'short words are too close to tell'],
    ['humor', 'human', 'two edits away'],
    ['human', 'human', 'identical is a match, not a typo'],
  ])('does not read %p as %p: %s', (token, word) => {
    expect(isTypoOf(token, word)).toBe(false);
  });
});

describe('evaluateEscalation', () => {
  const message = (shouldEscalate: boolean, text: string): LabelledMessage => ({
    shouldEscalate,
    language: 'en',
    text,
  });
  const flagsWordHuman = (text: string): EscalationVerdict =>
    text.includes('human') ? { detected: true, reason: 'explicit_request' } : { detected: false, reason: 'none' };

  it('counts hits, false alarms and misses', () => {
    const rows = [
      message(true, 'human please'),
      message(true, 'a person please'),
      message(false, 'human resources'),
      message(false, 'hello'),
    ];
    expect(evaluateEscalation(rows, flagsWordHuman)).toEqual({
      precision: 0.5,
      recall: 0.5,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      total: 4,
    });
  });

  it('scores 1 where no miss or false alarm was possible', () => {
    expect(evaluateEscalation([message(false, 'hello')], flagsWordHuman)).toMatchObject({ precision: 1, recall: 1 });
  });

  it('parses the tab-separated set, header first', () => {
    expect(parseLabelledMessages('label\tlanguage\ttext\n1\tfr\tun humain svp\n0\ten\thi\n')).toEqual([
      { shouldEscalate: true, language: 'fr', text: 'un humain svp' },
      { shouldEscalate: false, language: 'en', text: 'hi' },
    ]);
  });
});

describe('the set the rules were first written against', () => {
  const tsv = fs.readFileSync(path.join(__dirname, 'data', 'original.tsv'), 'utf8');
  const rows = parseLabelledMessages(tsv);

  it('covers every language with messages that should and should not escalate', () => {
    expect(tsv.split('\n')[0]).toBe('label\tlanguage\ttext');
    for (const language of LANGUAGES) {
      const inLanguage = rows.filter((row) => row.language === language);
      expect(inLanguage.some((row) => row.shouldEscalate)).toBe(true);
      expect(inLanguage.some((row) => !row.shouldEscalate)).toBe(true);
    }
    expect(rows.every((row) => LANGUAGES.includes(row.language) && row.text !== '')).toBe(true);
  });
});
