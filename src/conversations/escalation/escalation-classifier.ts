/**
 * Decides whether a visitor's message asks to reach a real person, so the widget can offer
 * "Contact a human" inline. Rule-based and deterministic; EscalationIntentDetector lets a
 * smarter model replace it.
 *
 * A clause asks for a person when a person word ("agent", "quelqu'un", "Mitarbeiter") sits
 * within a few words of something that asks to reach them ("talk to", "quiero", "bitte"), or
 * when the message is nothing but a person word and padding ("human please", "agent").
 * It does not when the request is negated ("I don't want an agent"), when the clause asks about
 * the assistant or the service ("are you a human?", "is support open on weekends?"), or when the
 * person word is part of a set phrase ("human resources", "travel agent"). Asking who someone is
 * ("who is your manager of partnerships?") is a question for the assistant, not a request.
 *
 * Before matching, text is folded (accents, case, repeated letters, punctuation and emoji go)
 * and one-letter typos in person words and verbs are forgiven ("speek to a humna").
 *
 * Frustration with the assistant ("this bot is useless", "du verstehst mich nicht") counts as
 * detected, with reason 'frustration': a visitor who has given up on the bot rarely asks for a
 * human in so many words, and offering one costs little. Only complaints aimed at the assistant
 * count; mild corrections ("that's not what I asked") and complaints about something else
 * ("the search filter is useless") do not. When a message both complains and asks for a
 * person, the explicit request wins.
 */
import { ESCALATION_LEXICONS, EscalationLexicon } from './escalation-lexicons';

export interface EscalationVerdict {
  detected: boolean;
  reason: 'explicit_request' | 'frustration' | 'none';
}

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
/** Shorter words are too close to each other for a typo to be told from another word. */
const MIN_TYPO_LENGTH = 5;

const CATEGORIES: readonly Category[] = [
  'people', 'vaguePeople', 'reachVerbs', 'wants', 'politeness', 'presence', 'negations',
  'notARequest', 'falseFriends', 'fillers', 'complaints', 'insults', 'assistant',
];

const BARE_REQUEST_PARTS: readonly Category[] = [
  'people', 'vaguePeople', 'reachVerbs', 'wants', 'politeness', 'presence', 'fillers',
];
const BARE_INSULT_PARTS: readonly Category[] = ['insults', 'fillers'];
/**
 * Typos are forgiven only in the long words that carry a request. Function words, negations
 * and insults are short or common enough that one letter off is usually another word:
 * "ever" is not "never", "Konto" is not "tonto".
 */
const TYPO_TOLERANT: readonly Category[] = ['people', 'vaguePeople', 'reachVerbs'];

const ALIASES = new Map(
  ESCALATION_LEXICONS.flatMap((lexicon) =>
    Object.entries(lexicon.aliases).map(([short, meant]) => [squeeze(short), tokenise(meant)] as const),
  ),
);

const PHRASES = new Map(
  CATEGORIES.map((category): [Category, string[][]] => [
    category,
    ESCALATION_LEXICONS.flatMap((lexicon) => lexicon[category].map(toTokens)),
  ]),
);

/**
 * The phrases of each category by their first word. A token can only start a phrase whose
 * first word it equals, unless the category forgives typos and the token is not a known word:
 * only then are all of the category's phrases tried (every message is classified: see spansOf).
 */
const PHRASES_BY_FIRST_WORD = new Map(
  [...PHRASES].map(([category, phrases]): [Category, Map<string, string[][]>] => {
    const byFirstWord = new Map<string, string[][]>();
    for (const phrase of phrases) {
      if (phrase.length === 0) continue;
      byFirstWord.set(phrase[0], [...(byFirstWord.get(phrase[0]) ?? []), phrase]);
    }
    return [category, byFirstWord];
  }),
);

const KNOWN_WORDS = new Set([
  ...[...PHRASES.values()].flat(2),
  ...ESCALATION_LEXICONS.flatMap((lexicon) => lexicon.realWords.flatMap(toTokens)),
]);

export function classifyEscalation(text: string): EscalationVerdict {
  const readings = normalise(text).map(readClause);
  if (readings.includes('explicit_request')) return { detected: true, reason: 'explicit_request' };
  if (readings.includes('frustration')) return { detected: true, reason: 'frustration' };
  return { detected: false, reason: 'none' };
}

/** Splits a message into clauses of canonical tokens, so a "no" in one clause spares the next. */
export function normalise(text: string): string[][] {
  return foldText(text)
    .split(/[.,;:!?()\n\r]+/)
    .map(toTokens)
    .filter((tokens) => tokens.length > 0);
}

/** Lowercase ASCII-ish text: "Pásame" becomes "pasame", "don't" becomes "dont". */
function foldText(text: string): string {
  return (
    text
      .toLowerCase()
      // English contractions join up ("don't" reads like the typed "dont"); elisions such as
      // French "d'un" or Italian "l'assistenza" split instead.
      .replace(/(\p{L})['’‘`´](t|s|re|ll|ve|d|m)(?!\p{L})/gu, '$1$2')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
  );
}

function toTokens(clause: string): string[] {
  return tokenise(clause).flatMap((token) => ALIASES.get(token) ?? [token]);
}

function tokenise(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(squeeze);
}

/** "humaaaan" and "pleeease" read as "human" and "please"; keywords are squeezed alike. */
function squeeze(token: string): string {
  return token.replace(/(\p{L})\1+/gu, '$1');
}

function readClause(tokens: string[]): EscalationVerdict['reason'] {
  const spans = findSpans(tokens);
  if (!has(spans, 'notARequest') && (asksForSomeone(spans) || isBareRequest(tokens, spans))) {
    return 'explicit_request';
  }
  return complainsAboutAssistant(tokens, spans) ? 'frustration' : 'none';
}

function findSpans(tokens: string[]): Span[] {
  const falseFriends = spansOf('falseFriends', tokens);
  const masked = tokens.map((token, i) => (falseFriends.some((s) => covers(s, i)) ? '' : token));
  return CATEGORIES.filter((category) => category !== 'falseFriends').flatMap((category) =>
    spansOf(category, masked),
  );
}

function spansOf(category: Category, tokens: string[]): Span[] {
  const forgivesTypos = TYPO_TOLERANT.includes(category);
  const matches = (token: string, word: string) =>
    token === word || (forgivesTypos && !KNOWN_WORDS.has(token) && isTypoOf(token, word));
  const all = PHRASES.get(category) ?? [];
  const byFirstWord = PHRASES_BY_FIRST_WORD.get(category);
  const spans: Span[] = [];
  tokens.forEach((token, start) => {
    // A phrase starts here only if its first word matches this token: equal to it, or (typos
    // forgiven) within one edit of it, which the index cannot tell, so then every phrase is tried.
    const candidates = forgivesTypos && token !== '' && !KNOWN_WORDS.has(token) ? all : (byFirstWord?.get(token) ?? []);
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
 * another word ("personal", "managed", "agents"), while "humna" or "operater" are slips.
 */
export function isTypoOf(token: string, word: string): boolean {
  if (word.length < MIN_TYPO_LENGTH || token === word || !withinOneEdit(token, word)) return false;
  const differsOnlyAtEnd =
    token.slice(0, -1) === word.slice(0, -1) || token === word.slice(0, -1) || word === token.slice(0, -1);
  return !differsOnlyAtEnd;
}

/** Compares what follows the first difference: one edit there must make the rests equal. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const [restA, restB] = [a.slice(i), b.slice(i)];
  const substituted = restA.slice(1) === restB.slice(1);
  const letterAdded = restA.slice(1) === restB;
  const letterDropped = restA === restB.slice(1);
  const swapped = restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2);
  return substituted || letterAdded || letterDropped || swapped;
}

function asksForSomeone(spans: Span[]): boolean {
  const people = spans.filter((s) => s.category === 'people' || s.category === 'vaguePeople');
  return people.some((person) =>
    spans.some(
      (cue) =>
        cueAppliesTo(cue, person) &&
        wordsBetween(cue, person, spans) <= MAX_GAP &&
        !isNegated(spans, Math.min(cue.start, person.start), Math.max(cue.end, person.end)),
    ),
  );
}

/** See the lexicon: verbs go either side, wants come first, weak cues need an unmistakable person. */
function cueAppliesTo(cue: Span, person: Span): boolean {
  if (cue.category === 'reachVerbs') return true;
  if (cue.category === 'wants') return cue.end <= person.start;
  const isWeakCue = cue.category === 'politeness' || cue.category === 'presence';
  return isWeakCue && person.category === 'people';
}

/** Words strictly between two spans, not counting "please"; overlapping spans never pair up. */
function wordsBetween(a: Span, b: Span, spans: Span[]): number {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  if (first.end > second.start) return Infinity;
  const politeness = spans.filter((s) => s.category === 'politeness');
  let count = 0;
  for (let i = first.end; i < second.start; i++) if (!politeness.some((s) => covers(s, i))) count++;
  return count;
}

function isNegated(spans: Span[], from: number, to: number): boolean {
  return spans.some((s) => s.category === 'negations' && s.start >= from - NEGATION_REACH && s.start < to);
}

/** "agent", "a real human please", "GET ME A HUMAN NOW": a person and nothing else of substance. */
function isBareRequest(tokens: string[], spans: Span[]): boolean {
  const namesSomeone = has(spans, 'people') || has(spans, 'vaguePeople');
  return namesSomeone && !has(spans, 'negations') && consistsOf(tokens, spans, BARE_REQUEST_PARTS);
}

/** An insult said on its own ("ugh, pointless") is aimed at the conversation too. */
function complainsAboutAssistant(tokens: string[], spans: Span[]): boolean {
  if (has(spans, 'complaints')) return true;
  return has(spans, 'insults') && (has(spans, 'assistant') || consistsOf(tokens, spans, BARE_INSULT_PARTS));
}

function consistsOf(tokens: string[], spans: Span[], parts: readonly Category[]): boolean {
  const allowed = spans.filter((s) => parts.includes(s.category));
  return tokens.every((_, i) => allowed.some((s) => covers(s, i)));
}

function has(spans: Span[], category: Category): boolean {
  return spans.some((s) => s.category === category);
}

function covers(span: Span, index: number): boolean {
  return span.start <= index && index < span.end;
}
