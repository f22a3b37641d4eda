/**
 * The labelled messages, by source and split: our own sets in data/ (`label<TAB>language<TAB>text`,
 * header line first, label 1 for a message that should escalate) and the corpus of real
 * visitors' messages kept beside the repository (`label<TAB>language<TAB>text<TAB>source`, the
 * source being `owner/repo:path#intent`). The corpus is third-party text: it is read here, at
 * training and evaluation time, and none of its lines is ever written into the repository.
 *
 * Our own sets:
 * - original: the set the rules were first written against;
 * - extended: messages added to train the model, across domains, with hard negatives;
 * - held-out-2 and held-out: earlier held-out sets, spent (measured after tuning rounds) and
 *   trained on since;
 * - extended-2: requests and hard negatives of the kinds real visitors' text showed missing
 *   (passing or putting a visitor through, somebody else, agents described by what they are
 *   not, service requests that start with "I want to", waiting times, questions about the bot
 *   phrased as instructions);
 * - held-out-3: written before the fourth round and never trained or tuned on: validation.
 *
 * The corpus is split by where its lines come from, so that validation measures messages from
 * bots and intents the model never saw (see VALIDATION_REPOSITORIES and INTENT_SPLIT_REPOSITORIES).
 *
 * Training messages are dealt into folds for cross-validation: our own by a hash of their words
 * (a message's fold never changes as lines are added), corpus lines by a hash of their bot and
 * intent, so a fold's scores come from a model that never saw that bot's intent. A training line
 * that repeats a validation message (same words once prepared) is left out of training.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { isAbsolute, join } from 'path';
import { prepareMessage } from './escalation-text';

export interface LabelledMessage {
  shouldEscalate: boolean;
  language: string;
  text: string;
}

export const OWN_SOURCES = ['original', 'extended', 'held-out', 'held-out-2', 'extended-2', 'held-out-3'] as const;
export type OwnSource = (typeof OWN_SOURCES)[number];
const OWN_VALIDATION_SOURCES: readonly OwnSource[] = ['held-out-3'];
export type DatasetSplit = 'training' | 'validation';
export type DatasetOrigin = 'own' | 'corpus';

export interface DatasetMessage extends LabelledMessage {
  origin: DatasetOrigin;
  /** One of our own files, or the corpus line's repository (`owner/repo`). */
  source: string;
  split: DatasetSplit;
  /** The cross-validation fold of a training message, 0 to FOLDS - 1; null in validation. */
  fold: number | null;
}

export const DATASET_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl'] as const;

export const FOLDS = 5;
export const OWN_DATA_DIRECTORY = join(__dirname, 'data');
/** Where the corpus lives, relative to the repository's root: beside the repository, never inside it. */
export const DEFAULT_CORPUS_PATH = '../shared/data/escalation-corpus/corpus.tsv';

/**
 * Bots held out whole: every English request for a person not from the Rasa demo bot (whose
 * Spanish re-write trains), and bots with questions about the bot in German, French, Spanish
 * and Portuguese.
 */
const VALIDATION_REPOSITORIES: ReadonlySet<string> = new Set([
  'robo-ai/roboai-demo-faq-chatbot',
  'kunan-sa/from-0-to-virtual-assistant',
  'microsoft/botframework-solutions',
  'OngCK/bsbot7',
  'github1/ccnext',
  'biddy1618/askchatbot',
  'RasaHQ/carbon-bot',
  'irenabecker/DHO_Rasa',
  'Sou001/Rasa_chatbot',
  'renatoparedes/munay-bot',
  'cesarcruzc/sofkathon',
  'lappis-unb/tais',
]);

/**
 * Sets of many intents (generic assistants, banking) and the Spanish bot, split by intent: a
 * quarter of the intents, chosen by a hash of their names, is held out in every language.
 */
const INTENT_SPLIT_REPOSITORIES: ReadonlySet<string> = new Set([
  'Abbymuso1/New',
  'xliuhw/NLU-Evaluation-Data',
  'mainlp/xsid',
  'RasaHQ/NLU-training-data',
  'cfgarciar/rasa-lawbotia-chat',
]);
const HELD_OUT_INTENT_SHARE = 4;
/** The corpus's only Spanish requests for a person come from one bot: its plain request intent is held out. */
const VALIDATION_INTENTS: ReadonlySet<string> = new Set(['cfgarciar/rasa-lawbotia-chat#solicitar_humano']);

interface SourcedMessage extends LabelledMessage {
  origin: DatasetOrigin;
  source: string;
  /** What a message is split and folded by: its words (our own) or its bot and intent (corpus). */
  group: string;
  split: DatasetSplit;
}

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');

/**
 * The corpus file for `npm run train:escalation` and `npm run eval:escalation`: `--corpus PATH`,
 * else ESCALATION_CORPUS, else DEFAULT_CORPUS_PATH; a relative path is read from the repository's root.
 */
export function corpusPathFrom(argv: readonly string[], environment: NodeJS.ProcessEnv): string {
  const flag = argv.indexOf('--corpus');
  const given = (flag >= 0 ? argv[flag + 1] : undefined) ?? environment.ESCALATION_CORPUS ?? DEFAULT_CORPUS_PATH;
  return isAbsolute(given) ? given : join(REPOSITORY_ROOT, given);
}

/** Our own sets, and the corpus when its path is given. */
export function loadDataset(corpusPath: string | null, ownDirectory = OWN_DATA_DIRECTORY): DatasetMessage[] {
  const messages = [...loadOwnSets(ownDirectory), ...(corpusPath === null ? [] : loadCorpus(corpusPath))];
  const validationWords = new Set(messages.filter((m) => m.split === 'validation').map((m) => wordsOf(m.text)));
  return messages
    .filter((message) => message.split === 'validation' || !validationWords.has(wordsOf(message.text)))
    .map(({ group, ...message }) => ({ ...message, fold: message.split === 'training' ? foldOf(group) : null }));
}

function loadOwnSets(directory: string): SourcedMessage[] {
  return OWN_SOURCES.flatMap((source) =>
    parseLabelledMessages(readFileSync(join(directory, `${source}.tsv`), 'utf8')).map((message) => ({
      ...message,
      origin: 'own' as const,
      source,
      group: wordsOf(message.text),
      split: OWN_VALIDATION_SOURCES.includes(source) ? ('validation' as const) : ('training' as const),
    })),
  );
}

function loadCorpus(path: string): SourcedMessage[] {
  return parseLabelledMessages(readFileSync(path, 'utf8')).map(({ text, ...message }) => {
    const [utterance, origin] = splitLast(text);
    const repository = origin.slice(0, origin.indexOf(':'));
    const botIntent = `${repository}#${origin.slice(origin.lastIndexOf('#') + 1)}`;
    return {
      ...message,
      text: utterance,
      origin: 'corpus' as const,
      source: repository,
      group: botIntent,
      split: corpusSplitOf(repository, botIntent),
    };
  });
}

function corpusSplitOf(repository: string, botIntent: string): DatasetSplit {
  const intent = botIntent.slice(botIntent.indexOf('#') + 1);
  const heldOut =
    VALIDATION_REPOSITORIES.has(repository) ||
    VALIDATION_INTENTS.has(botIntent) ||
    (INTENT_SPLIT_REPOSITORIES.has(repository) && hashOf(intent) % HELD_OUT_INTENT_SHARE === 0);
  return heldOut ? 'validation' : 'training';
}

export function parseLabelledMessages(tsv: string): LabelledMessage[] {
  return tsv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [label, language, ...text] = line.split('\t');
      return { shouldEscalate: label === '1', language, text: text.join('\t') };
    });
}

function splitLast(text: string): [string, string] {
  const tab = text.lastIndexOf('\t');
  return [text.slice(0, tab), text.slice(tab + 1)];
}

function foldOf(group: string): number {
  return hashOf(group) % FOLDS;
}

function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export function wordsOf(text: string): string {
  return prepareMessage(text).flat().join(' ');
}
