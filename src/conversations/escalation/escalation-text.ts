/**
 * How a message is read before anything judges it, shared by the rules and the model so both
 * see the same words: folded (case, accents, repeated letters), split into clauses, with
 * shorthand spelled out.
 */
import { ESCALATION_LEXICONS } from './escalation-lexicons';

/**
 * How much folded text is read. Requests for a person are short; the cap bounds the work on a
 * long message. It applies after Unicode decomposition because that can lengthen text: U+FDFA
 * decomposes into eighteen characters, so a cap on the raw text would bound nothing.
 */
export const MAX_FOLDED_LENGTH = 1000;
/** Decomposed text kept before accents are dropped: room for every letter to carry two. */
const MAX_DECOMPOSED_LENGTH = 3 * MAX_FOLDED_LENGTH;

const ALIASES = new Map(
  ESCALATION_LEXICONS.flatMap((lexicon) =>
    Object.entries(lexicon.aliases).map(([short, meant]) => [squeeze(short), wordsOf(foldText(meant))] as const),
  ),
);

/** Splits a message into clauses of canonical tokens, so a "no" in one clause spares the next. */
export function prepareMessage(text: string): string[][] {
  return foldText(text)
    .split(/[.,;:!?()\n\r]+/)
    .map(tokensOfFolded)
    .filter((tokens) => tokens.length > 0);
}

/** The canonical tokens of a lexicon phrase, read exactly as a message would be. */
export function tokensOf(phrase: string): string[] {
  return tokensOfFolded(foldText(phrase));
}

/** Lowercase ASCII-ish text, at most MAX_FOLDED_LENGTH long: "Pásame" becomes "pasame", "don't" becomes "dont". */
function foldText(text: string): string {
  return (
    text
      .toLowerCase()
      // English contractions join up ("don't" reads like the typed "dont"); elisions such as
      // French "d'un" or Italian "l'assistenza" split instead.
      .replace(/(\p{L})['’‘`´](t|s|re|ll|ve|d|m)(?!\p{L})/gu, '$1$2')
      .normalize('NFKD')
      .slice(0, MAX_DECOMPOSED_LENGTH)
      .replace(/\p{M}/gu, '')
      .slice(0, MAX_FOLDED_LENGTH)
  );
}

function tokensOfFolded(folded: string): string[] {
  return wordsOf(folded).flatMap((token) => ALIASES.get(token) ?? [token]);
}

function wordsOf(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(squeeze);
}

/** "humaaaan" and "pleeease" read as "human" and "please"; keywords are squeezed alike. */
function squeeze(token: string): string {
  return token.replace(/(\p{L})\1+/gu, '$1');
}
