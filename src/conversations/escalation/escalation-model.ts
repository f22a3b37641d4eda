/**
 * The learned half of the escalation detector: logistic regression over hashed features of the
 * prepared message (escalation-text.ts), trained by `npm run train:escalation`
 * (escalation-training.ts) and shipped as data in escalation-weights.json.
 *
 * Features, each hashed into a fixed number of buckets (no vocabulary to ship or look up):
 * - words, and pairs of neighbouring words in a clause, the clause's start counting as a word
 *   ("^ are", "are you": the start of "are you a human?" matters);
 * - the same over the clause with lexicon words replaced by their category ("#reachVerbs to
 *   #vaguePeople"), and every two categories found in one clause ("#negations" and "#machines"),
 *   so that what the lexicons know carries across languages and typos;
 * - character 3- to 5-grams of each clause with its spaces, which carry typos beyond one edit
 *   ("reprasentative"), inflections and compounds ("Kundendienst", "verkoopafdeling").
 * Each occurrence counts; the sum is divided by the square root of the count, so a long message
 * is not sure of itself just for being long.
 */

/** The decision thresholds, chosen on the dev split by the training script. */
export interface EscalationThresholds {
  /** Probability above which the model alone flags a message the rules say nothing about. */
  request: number;
  /** Probability above which the model overrules the rules' "blocked" (a negation, a question about the bot). */
  blocked: number;
  /** Probability below which the model vetoes the rules' own request or frustration reading. */
  veto: number;
  /** Probability above which a message counts as push-back after the assistant said it cannot help. */
  pushback: number;
}

/** escalation-weights.json: weights quantised to signed bytes, base64, times `scale`. */
export interface EscalationModelFile {
  buckets: number;
  bias: number;
  scale: number;
  weights: string;
  thresholds: EscalationThresholds;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = hashCode(FNV_OFFSET, 0x77);
const CATEGORY_SEED = hashCode(FNV_OFFSET, 0x23);
const CO_OCCURRENCE_SEED = hashCode(FNV_OFFSET, 0x26);
const PAIR_SEED = hashCode(FNV_OFFSET, 0x70);
const CHARACTER_SEED = hashCode(FNV_OFFSET, 0x63);
const CLAUSE_START = hashCode(FNV_OFFSET, 0x5e);
const MIN_NGRAM = 3;
const MAX_NGRAM = 5;
const CATEGORY_WEIGHT = 4;

/** The prepared message (escalation-text.ts) and the rules' reading of it (escalation-classifier.ts). */
export interface ModelInput {
  clauses: readonly string[][];
  /** The clauses with lexicon words replaced by their category: carries what the lexicons know across languages. */
  categoryClauses: readonly string[][];
}

/**
 * The bucket of every feature occurrence in the message, in order (repeats included).
 * `buckets` must be a power of two.
 */
export function featureBuckets({ clauses, categoryClauses }: ModelInput, buckets: number): number[] {
  const mask = buckets - 1;
  const found: number[] = [];
  for (const tokens of categoryClauses) {
    const start = found.length;
    pushWordFeatures(tokens, CATEGORY_SEED, found, mask);
    pushCategoryPairs(tokens, found, mask);
    // Category features are few beside the character n-grams; counting them CATEGORY_WEIGHT times
    // keeps them from being drowned (measured by cross-validation on the tuning data).
    const categoryFeatures = found.slice(start);
    for (let i = 1; i < CATEGORY_WEIGHT; i++) found.push(...categoryFeatures);
  }
  for (const tokens of clauses) {
    pushWordFeatures(tokens, WORD_SEED, found, mask);
    const clause = ` ${tokens.join(' ')} `;
    for (let start = 0; start + MIN_NGRAM <= clause.length; start++) {
      let hash = CHARACTER_SEED;
      for (let end = start; end < Math.min(start + MAX_NGRAM, clause.length); end++) {
        hash = hashCode(hash, clause.charCodeAt(end));
        if (end - start + 1 >= MIN_NGRAM) found.push(hash & mask);
      }
    }
  }
  return found;
}

/** Every two categories found together in a clause, in any order: "#negations" with "#machines". */
function pushCategoryPairs(tokens: readonly string[], found: number[], mask: number): void {
  const present = [...new Set(tokens.filter((token) => token.startsWith('#')))].sort();
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) found.push(hashString(hashString(CO_OCCURRENCE_SEED, present[i]), present[j]) & mask);
  }
}

/** Words and pairs of neighbouring words, the clause's start counting as a word. */
function pushWordFeatures(tokens: readonly string[], seed: number, found: number[], mask: number): void {
  let previous = CLAUSE_START;
  for (const token of tokens) {
    const word = hashString(seed, token);
    found.push(word & mask, hashCode(hashCode(PAIR_SEED, previous), word) & mask);
    previous = word;
  }
}

/** The weight each occurrence gets, so that the feature vector has unit length. */
export function occurrenceWeight(occurrences: number): number {
  return occurrences === 0 ? 0 : 1 / Math.sqrt(occurrences);
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

export class EscalationModel {
  private constructor(
    private readonly weights: Float32Array,
    private readonly bias: number,
    readonly thresholds: EscalationThresholds,
  ) {}

  static fromFile(file: EscalationModelFile): EscalationModel {
    const bytes = Buffer.from(file.weights, 'base64');
    const quantised = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    if (quantised.length !== file.buckets || (file.buckets & (file.buckets - 1)) !== 0) {
      throw new Error(`escalation model: expected ${file.buckets} weights (a power of two), found ${quantised.length}`);
    }
    return new EscalationModel(Float32Array.from(quantised, (q) => q * file.scale), file.bias, file.thresholds);
  }

  /** How likely the message asks for a person, 0 to 1. */
  probability(input: ModelInput): number {
    const found = featureBuckets(input, this.weights.length);
    let sum = 0;
    for (const bucket of found) sum += this.weights[bucket];
    return sigmoid(this.bias + sum * occurrenceWeight(found.length));
  }
}

function hashString(seed: number, text: string): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = hashCode(hash, text.charCodeAt(i));
  return hash;
}

/** One FNV-1a step; Math.imul keeps it in 32 bits. */
function hashCode(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}
