/**
 * The rules half of the escalation detector: reads whether a visitor's message asks to reach a
 * real person. Deterministic and explainable; the learned model (escalation-model.ts) covers what
 * the lexicons do not list, and escalation-detector.ts combines the two.
 *
 * A clause asks for a person when a person word ("agent", "quelqu'un", "Mitarbeiter") sits
 * within a few words of something that asks to reach them ("talk to", "quiero", "bitte"), or
 * when the message is nothing but a person word and padding ("human please", "agent").
 * It does not when the request is negated ("I don't want an agent"), when the clause asks about
 * the assistant or the service ("are you a human?", "is support open on weekends?"), or when the
 * person word is part of a set phrase ("human resources", "travel agent"). Asking who someone is
 * ("who is your manager of partnerships?") is a question for the assistant, not a request.
 *
 * Before matching, text is folded (accents, case, repeated letters, punctuation and emoji go:
 * see escalation-text.ts) and one-letter typos in person words and verbs are forgiven
 * ("speek to a humna").
 *
 * Frustration with the assistant ("this bot is useless", "du verstehst mich nicht") counts as
 * detected, with reason 'frustration': a visitor who has given up on the bot rarely asks for a
 * human in so many words, and offering one costs little. Only complaints aimed at the assistant
 * count; mild corrections ("that's not what I asked") and complaints about something else
 * ("the search filter is useless") do not. When a message both complains and asks for a
 * person, the explicit request wins.
 *
 * A message the rules refuse outright is 'blocked': a negated request ("no need for a human") or
 * a question about the assistant that names a person or the bot ("are you a human?"). The
 * combination lets only a very confident model overrule that.
 */
import { ESCALATION_LEXICONS, EscalationLexicon } from './escalation-lexicons';
import { prepareMessage, tokensOf } from './escalation-text';

export interface EscalationVerdict {
  detected: boolean;
  reason: 'explicit_request' | 'refusal' | 'frustration' | 'learned' | 'pushback_after_no_help' | 'none';
}

/** What the rules make of a message, strongest first: see readRules. */
export type RuleReading = 'explicit_request' | 'refusal' | 'frustration' | 'blocked' | 'none';

type Category = Exclude<keyof EscalationLexicon, 'realWords' | 'aliases'>;

interface Span {
  category: Category;
  start: number;
  end: number;
}

/** Words allowed between a request cue and the person, "please" aside: "talk [to one of your] agents". */
const MAX_GAP = 4;
/** How far before a request a negation still applies: "[no need for] a human". */
const NEGATION_REACH = 3;
/** "not sharing [my card number with a] bot": what is withheld sits between the verb and the machine. */
const REFUSAL_GAP = 6;
/** "talk [to] you", "mit [dir] reden": the addressee sits right by the verb. */
const ADDRESSEE_GAP = 1;
/** Shorter words are too close to each other for a typo to be told from another word. */
const MIN_TYPO_LENGTH = 5;

/** What is looked for in a visitor's message; cannotHelp is read in the assistant's. */
const VISITOR_CATEGORIES: readonly Category[] = [
  'people', 'vaguePeople', 'roles', 'reachVerbs', 'weakReachVerbs', 'wants', 'politeness', 'presence', 'negations',
  'notARequest', 'questionOpeners', 'falseFriends', 'conjunctions', 'topicMarkers', 'fillers', 'complaints', 'insults', 'assistant',
  'pushback', 'machines', 'refusals', 'refusalVerbs', 'addressee',
];
const CATEGORIES: readonly Category[] = [...VISITOR_CATEGORIES, 'cannotHelp'];
const READING_STRENGTH: readonly RuleReading[] = ['explicit_request', 'refusal', 'frustration', 'blocked', 'none'];
/**
 * Categories that stand in for their words in RulesAnalysis.categoryClauses, strongest first.
 * Fillers keep their words; push-back phrases too, since "so what now?" asks for a person only
 * after the assistant said it cannot help (see escalation-detector.ts).
 */
const CATEGORY_TOKENS: readonly Category[] = [
  'falseFriends', 'negations', 'notARequest', 'questionOpeners', 'people', 'vaguePeople', 'roles', 'machines',
  'reachVerbs', 'weakReachVerbs', 'wants', 'refusals', 'refusalVerbs', 'presence', 'politeness', 'complaints',
  'insults', 'addressee', 'assistant',
];

const BARE_REQUEST_PARTS: readonly Category[] = [
  'people', 'vaguePeople', 'reachVerbs', 'wants', 'politeness', 'presence', 'fillers',
];
const BARE_INSULT_PARTS: readonly Category[] = ['insults', 'fillers'];
/** What a message may hold besides a bare insult for the insult to be aimed at the conversation ("ugh, pointless"). */
const PADDING: readonly Category[] = ['insults', 'fillers', 'pushback', 'politeness', 'assistant'];
/**
 * Typos are forgiven only in the long words that carry a request. Function words, negations
 * and insults are short or common enough that one letter off is usually another word:
 * "ever" is not "never", "Konto" is not "tonto".
 */
const TYPO_TOLERANT: readonly Category[] = ['people', 'vaguePeople', 'reachVerbs'];
/** What may stand between a want and the person wanted. */
const WANT_PADDING: readonly Category[] = ['fillers', 'politeness', 'wants'];
/** Categories whose phrases may hold a negation word that negates nothing: "pass me to", "not a bot". */
const PHRASES_HOLDING_NEGATIONS: readonly Category[] = ['people', 'reachVerbs'];
/** Cues that reach someone, and what a refusal of the bot is made of. */
const REACH_CUES: readonly Category[] = ['reachVerbs', 'weakReachVerbs'];
const REFUSING_CUES: readonly Category[] = [...REACH_CUES, 'wants', 'refusalVerbs'];

const PHRASES = new Map(
  CATEGORIES.map((category): [Category, string[][]] => [
    category,
    ESCALATION_LEXICONS.flatMap((lexicon) => lexicon[category].map(tokensOf)),
  ]),
);

/** The phrases of each category by their first word: a token can only start a phrase whose first word it equals. */
const PHRASES_BY_FIRST_WORD = indexPhrases((phrase) => [phrase[0]]);

/**
 * The phrases of each category by the length of their first word. A typo is one edit, so an
 * unknown token can only start a phrase whose first word is at most one letter longer or shorter.
 */
const PHRASES_BY_FIRST_WORD_LENGTH = indexPhrases((phrase) => {
  const length = phrase[0].length;
  return [length - 1, length, length + 1];
});

const KNOWN_WORDS = new Set([
  ...[...PHRASES.values()].flat(2),
  ...ESCALATION_LEXICONS.flatMap((lexicon) => lexicon.realWords.flatMap(tokensOf)),
]);

/** The rules alone, on raw text. */
export function classifyEscalation(text: string): EscalationVerdict {
  const reading = readRules(prepareMessage(text));
  return reading === 'blocked' || reading === 'none' ? { detected: false, reason: 'none' } : { detected: true, reason: reading };
}

/** What the rules make of a message, and its clauses with each lexicon word replaced by its category. */
export interface RulesAnalysis {
  reading: RuleReading;
  /** "can i speak to someone in billing" reads "can i #reachVerbs to #vaguePeople in billing". */
  categoryClauses: string[][];
}

export function readRules(clauses: string[][]): RuleReading {
  return analyseMessage(clauses).reading;
}

/** The strongest reading of any clause is the message's: a request in one clause outweighs a "no" in another. */
export function analyseMessage(clauses: string[][]): RulesAnalysis {
  const analysed = clauses.map((tokens) => ({ tokens, spans: findSpans(tokens) }));
  // "pointless" said alone is aimed at the conversation; after "your prices went up again" it is not.
  const onlyPadding = analysed.every(({ tokens, spans }) => consistsOf(tokens, spans, PADDING));
  const readings = new Set(analysed.map(({ tokens, spans }) => readClause(tokens, spans, onlyPadding)));
  return {
    reading: READING_STRENGTH.find((reading) => readings.has(reading)) ?? 'none',
    categoryClauses: analysed.map(({ tokens, spans }) => categoryTokens(tokens, spans)),
  };
}

/** The assistant's message says it cannot help ("I don't have that information"). */
export function saysItCannotHelp(clauses: string[][]): boolean {
  return clauses.some((tokens) => spansOf('cannotHelp', tokens).length > 0);
}

/** The visitor's message pushes back: a push-back phrase, a complaint or an insult anywhere in it. */
export function pushesBack(clauses: string[][]): boolean {
  return clauses.some((tokens) => {
    const spans = findSpans(tokens);
    return has(spans, 'pushback') || has(spans, 'complaints') || has(spans, 'insults');
  });
}

function indexPhrases(keysOf: (phrase: string[]) => (string | number)[]): Map<Category, Map<string | number, string[][]>> {
  return new Map(
    [...PHRASES].map(([category, phrases]): [Category, Map<string | number, string[][]>] => {
      const index = new Map<string | number, string[][]>();
      for (const phrase of phrases.filter((p) => p.length > 0)) {
        for (const key of keysOf(phrase)) index.set(key, [...(index.get(key) ?? []), phrase]);
      }
      return [category, index];
    }),
  );
}

function readClause(tokens: string[], spans: Span[], bareInsultCounts: boolean): RuleReading {
  const aboutAssistant = has(spans, 'notARequest') || opensWithQuestion(tokens, spans);
  const request = requestForSomeone(tokens, spans);
  if (!aboutAssistant && (request === 'asks' || isBareRequest(tokens, spans))) return 'explicit_request';
  if (!aboutAssistant && refusesAssistant(tokens, spans)) return 'refusal';
  if (complainsAboutAssistant(tokens, spans, bareInsultCounts)) return 'frustration';
  const asksAboutAssistant = aboutAssistant && (namesSomeone(spans) || has(spans, 'assistant'));
  return request === 'negated' || asksAboutAssistant || isNegatedBareRequest(tokens, spans) ? 'blocked' : 'none';
}

/**
 * Every lexicon phrase found in a clause; inside a false friend ("human resources") nothing else
 * is looked for. A negation inside a longer phrase of a person or a way to reach one is part of
 * that phrase: "pass me to" (which folds to the French "pas"), "someone who is not a bot".
 */
function findSpans(tokens: string[]): Span[] {
  const falseFriends = spansOf('falseFriends', tokens);
  const masked = tokens.map((token, i) => (falseFriends.some((s) => covers(s, i)) ? '' : token));
  const spans = VISITOR_CATEGORIES.filter((category) => category !== 'falseFriends').flatMap((category) =>
    spansOf(category, masked),
  );
  const phrases = spans.filter((s) => PHRASES_HOLDING_NEGATIONS.includes(s.category));
  const partOfPhrase = (negation: Span) =>
    phrases.some((p) => p.start <= negation.start && negation.end <= p.end && p.end - p.start > negation.end - negation.start);
  return [...falseFriends, ...spans.filter((s) => s.category !== 'negations' || !partOfPhrase(s))];
}

/** The clause with each token inside a lexicon phrase replaced by the phrase's category, the first in CATEGORY_TOKENS. */
function categoryTokens(tokens: string[], spans: Span[]): string[] {
  const replaced = [...tokens];
  for (const category of [...CATEGORY_TOKENS].reverse()) {
    for (const span of spans.filter((s) => s.category === category)) replaced.fill(`#${category}`, span.start, span.end);
  }
  return replaced;
}

function spansOf(category: Category, tokens: string[]): Span[] {
  const forgivesTypos = TYPO_TOLERANT.includes(category);
  const matches = (token: string, word: string) =>
    token === word || (forgivesTypos && !KNOWN_WORDS.has(token) && isTypoOf(token, word));
  const byFirstWord = PHRASES_BY_FIRST_WORD.get(category);
  const byFirstWordLength = PHRASES_BY_FIRST_WORD_LENGTH.get(category);
  const spans: Span[] = [];
  tokens.forEach((token, start) => {
    // A phrase starts here only if its first word matches this token: equal to it, or (typos
    // forgiven, the token an unknown word) within one edit of it.
    const readAsTypo = forgivesTypos && token !== '' && !KNOWN_WORDS.has(token);
    const candidates = (readAsTypo ? byFirstWordLength?.get(token.length) : byFirstWord?.get(token)) ?? [];
    for (const phrase of candidates) {
      if (phrase.every((word, i) => start + i < tokens.length && matches(tokens[start + i], word))) {
        spans.push({ category, start, end: start + phrase.length });
      }
    }
  });
  return spans;
}

/**
 * One Damerau-Levenshtein edit away, not at the very end: a changed last letter usually makes
 * another word ("personal", "managed", "agents"), while "humna" or "operater" are slips. Compares
 * characters in place: every unknown word of every message is tried against the keywords.
 */
export function isTypoOf(token: string, word: string): boolean {
  if (word.length < MIN_TYPO_LENGTH || token === word || Math.abs(token.length - word.length) > 1) return false;
  let prefix = 0;
  while (prefix < token.length && prefix < word.length && token[prefix] === word[prefix]) prefix++;
  const differsOnlyAtEnd =
    token.length === word.length ? prefix >= word.length - 1 : prefix === Math.min(token.length, word.length);
  return !differsOnlyAtEnd && withinOneEditAfter(token, word, prefix);
}

/** After their first difference, at `at`, one substitution, insertion, deletion or swap makes the words equal. */
function withinOneEditAfter(a: string, b: string, at: number): boolean {
  const substituted = sameFrom(a, at + 1, b, at + 1);
  const letterAdded = sameFrom(a, at + 1, b, at);
  const letterDropped = sameFrom(a, at, b, at + 1);
  const swapped = a[at] === b[at + 1] && a[at + 1] === b[at] && sameFrom(a, at + 2, b, at + 2);
  return substituted || letterAdded || letterDropped || swapped;
}

/** a from index i equals b from index j. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

/**
 * Whether a cue to reach someone sits near a person: 'asks', or only under a negation, or not at
 * all. A want reaches a person only across padding ("I need a real person"): with another verb
 * between, the visitor wants to do something ("I want to pay somebody back", "I need to send my
 * landlord a form"). A department after a topic word is what the visitor talks about, not whom
 * ("talk about my mortgage", not "talk to mortgages").
 */
function requestForSomeone(tokens: string[], spans: Span[]): Pairing {
  const isPerson = (s: Span) => s.category === 'people' || s.category === 'vaguePeople' || s.category === 'roles';
  const padding = coverage(tokens, spans, WANT_PADDING);
  const topics = coverage(tokens, spans, ['topicMarkers']);
  const onlyPaddingBetween = (cue: Span, person: Span) => padding.slice(cue.end, person.start).every(Boolean);
  const isTopic = (cue: Span, person: Span) => person.category === 'roles' && topics.slice(cue.end, person.start).some(Boolean);
  return pairUp(tokens, spans, isPerson, (cue, person) =>
    cueAppliesTo(cue, person) && (cue.category !== 'wants' || onlyPaddingBetween(cue, person)) && !isTopic(cue, person),
  );
}

/**
 * Refusing the bot rather than asking for someone: a negated "talk to", "give my details to" or
 * "want" aimed at a machine ("I won't give my details to a machine", "I don't want a bot"), a
 * refusal of one ("no more bots", "tired of this chatbot"), or a negated "talk to you".
 */
function refusesAssistant(tokens: string[], spans: Span[]): boolean {
  const isMachine = (s: Span) => s.category === 'machines';
  const isAddressee = (s: Span) => s.category === 'addressee';
  const refusesMachine = (cue: Span) => REFUSING_CUES.includes(cue.category);
  const refusesOutright = (cue: Span) => cue.category === 'refusals';
  const talksTo = (cue: Span) => REACH_CUES.includes(cue.category) || cue.category === 'refusalVerbs';
  return (
    pairUp(tokens, spans, isMachine, refusesMachine, REFUSAL_GAP) === 'negated' ||
    pairUp(tokens, spans, isMachine, refusesOutright, REFUSAL_GAP) !== 'no' ||
    pairUp(tokens, spans, isAddressee, talksTo, ADDRESSEE_GAP) === 'negated'
  );
}

type Pairing = 'asks' | 'negated' | 'no';

/**
 * Whether a cue sits within a few words of a target: 'negated' when some such pair is under a
 * negation ("ik wil verkoop niet spreken" negates even though "ik wil verkoop" alone would ask),
 * 'asks' when there are pairs and none is, 'no' when there is none. A negation applies from up
 * to NEGATION_REACH words before the pair, unless a conjunction comes between ("the link doesn't
 * work and I need someone"), or from inside it. Every target is paired with every cue, so
 * distances and negations are read from running counts: a long clause full of person words
 * costs no more than its pairs.
 */
function pairUp(
  tokens: string[],
  spans: Span[],
  isTarget: (span: Span) => boolean,
  isCue: (cue: Span, target: Span) => boolean,
  maxGap = MAX_GAP,
): Pairing {
  const wordsBefore = runningCount(coverage(tokens, spans, ['politeness']).map((polite) => !polite));
  const negationStarts = startsOf(tokens, spans, 'negations');
  const negationsBefore = runningCount(negationStarts);
  const negatedFromBefore = reachingNegations(negationStarts, startsOf(tokens, spans, 'conjunctions'));
  let paired = false;
  for (const target of spans.filter(isTarget)) {
    for (const cue of spans) {
      if (!isCue(cue, target)) continue;
      const [first, second] = cue.start < target.start ? [cue, target] : [target, cue];
      // Overlapping spans never pair up; "please" does not count towards the gap.
      if (first.end > second.start || wordsBefore[second.start] - wordsBefore[first.end] > maxGap) continue;
      if (negatedFromBefore[first.start] || negationsBefore[second.end] > negationsBefore[first.start]) return 'negated';
      paired = true;
    }
  }
  return paired ? 'asks' : 'no';
}

function startsOf(tokens: string[], spans: Span[], category: Category): boolean[] {
  const starts = new Array<boolean>(tokens.length).fill(false);
  for (const span of spans.filter((s) => s.category === category)) starts[span.start] = true;
  return starts;
}

/** reaching[i]: a negation within NEGATION_REACH words before position i, with no conjunction after it. */
function reachingNegations(negationStarts: boolean[], conjunctionStarts: boolean[]): boolean[] {
  const reaching: boolean[] = [];
  let lastNegation = -Infinity;
  let lastConjunction = -Infinity;
  for (let i = 0; i <= negationStarts.length; i++) {
    reaching.push(lastNegation >= i - NEGATION_REACH && lastNegation > lastConjunction);
    if (negationStarts[i]) lastNegation = i;
    if (conjunctionStarts[i]) lastConjunction = i;
  }
  return reaching;
}

/** counts[i]: how many of the first i flags are set. */
function runningCount(flags: boolean[]): number[] {
  const counts = [0];
  flags.forEach((flag, i) => counts.push(counts[i] + (flag ? 1 : 0)));
  return counts;
}

/**
 * See the lexicon: verbs go either side, wants come first, weak cues need an unmistakable person,
 * and a department or role ("billing", "the front desk") is reached only by a plain reaching verb.
 */
function cueAppliesTo(cue: Span, person: Span): boolean {
  if (cue.category === 'reachVerbs') return true;
  if (person.category === 'roles') return false;
  if (cue.category === 'weakReachVerbs') return true;
  if (cue.category === 'wants') return cue.end <= person.start;
  const isWeakCue = cue.category === 'politeness' || cue.category === 'presence';
  return isWeakCue && person.category === 'people';
}

/** "agent", "a real human please", "GET ME A HUMAN NOW": a person and nothing else of substance. */
function isBareRequest(tokens: string[], spans: Span[]): boolean {
  return namesSomeone(spans) && !has(spans, 'negations') && consistsOf(tokens, spans, BARE_REQUEST_PARTS);
}

/** "no human", "not an agent please". */
function isNegatedBareRequest(tokens: string[], spans: Span[]): boolean {
  return namesSomeone(spans) && has(spans, 'negations') && consistsOf(tokens, spans, [...BARE_REQUEST_PARTS, 'negations']);
}

function namesSomeone(spans: Span[]): boolean {
  return has(spans, 'people') || has(spans, 'vaguePeople');
}

/** An insult said on its own ("ugh, pointless") is aimed at the conversation too. */
function complainsAboutAssistant(tokens: string[], spans: Span[], bareInsultCounts: boolean): boolean {
  if (has(spans, 'complaints')) return true;
  const bareInsult = bareInsultCounts && consistsOf(tokens, spans, BARE_INSULT_PARTS);
  return has(spans, 'insults') && (has(spans, 'assistant') || bareInsult);
}

/** A question opener at the start of the clause, after nothing but fillers. */
function opensWithQuestion(tokens: string[], spans: Span[]): boolean {
  const fillers = coverage(tokens, spans, ['fillers']);
  return spans.some((s) => s.category === 'questionOpeners' && fillers.slice(0, s.start).every(Boolean));
}

function consistsOf(tokens: string[], spans: Span[], parts: readonly Category[]): boolean {
  return coverage(tokens, spans, parts).every(Boolean);
}

/** Which tokens fall inside a span of one of the categories. */
function coverage(tokens: string[], spans: Span[], categories: readonly Category[]): boolean[] {
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (const span of spans.filter((s) => categories.includes(s.category))) covered.fill(true, span.start, span.end);
  return covered;
}

function has(spans: Span[], category: Category): boolean {
  return spans.some((s) => s.category === category);
}

function covers(span: Span, index: number): boolean {
  return span.start <= index && index < span.end;
}
