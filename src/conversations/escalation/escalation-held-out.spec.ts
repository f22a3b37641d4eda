import { DATASET_LANGUAGES, DatasetSource, loadDataset } from './escalation-dataset';
import { RulesAndModelEscalationDetector } from './escalation-intent.service';
import { prepareMessage } from './escalation-text';
import { evaluateByLanguage } from './evaluate-escalation';

interface Bars {
  precision: number;
  recall: number;
}

const TARGET: Bars = { precision: 0.97, recall: 0.93 };

/**
 * The held-out sets were written before the tuning they judge and are never trained or tuned on:
 * these are the figures to expect on messages the detector has not seen. The bars are the targets
 * where they hold and the measured floor where they do not (see the README), so a regression fails.
 * (held-out-2, measured once, has been training data since; it is judged here no more.)
 *
 * held-out: measured four times (after each of four tuning rounds); every language reaches recall
 * 0.93, precision is 0.97 over all languages and at least 0.96 in each.
 */
const FIRST_SET_BARS: Record<string, Bars> = {
  all: TARGET,
  ...Object.fromEntries(DATASET_LANGUAGES.map((language) => [language, { precision: 0.96, recall: 0.93 }])),
};

/**
 * held-out-3: written and committed before the fourth round and measured once, after it. The
 * targets hold in English and French; recall holds in Spanish and Portuguese too; precision falls
 * short in Spanish, German, Portuguese, Italian and Dutch (two to four false alarms for 40 to 46
 * hits), recall in German, Italian and Dutch.
 */
const THIRD_SET_BARS: Record<string, Bars> = {
  all: { precision: 0.94, recall: 0.91 },
  en: TARGET,
  es: { precision: 0.92, recall: 0.93 },
  fr: TARGET,
  de: { precision: 0.9, recall: 0.83 },
  pt: { precision: 0.93, recall: 0.93 },
  it: { precision: 0.95, recall: 0.91 },
  nl: { precision: 0.93, recall: 0.91 },
};

describe('escalation detector on the held-out split', () => {
  const messages = loadDataset();
  const heldOut = messages.filter((message) => message.split === 'held-out');
  const detector = new RulesAndModelEscalationDetector();

  it('shares no message with the tuning split', () => {
    const wordsOf = (text: string) => prepareMessage(text).flat().join(' ');
    const heldOutWords = new Set(heldOut.map((message) => wordsOf(message.text)));
    const tuning = messages.filter((message) => message.split === 'tuning');
    expect(tuning.filter((message) => heldOutWords.has(wordsOf(message.text)))).toEqual([]);
  });

  describe.each([
    ['held-out', FIRST_SET_BARS],
    ['held-out-3', THIRD_SET_BARS],
  ] as [DatasetSource, Record<string, Bars>][])('%s', (source, bars) => {
    const set = heldOut.filter((message) => message.source === source);

    it('holds at least 30 requests for a person and 30 hard negatives in each of the seven languages', () => {
      for (const language of DATASET_LANGUAGES) {
        const inLanguage = set.filter((message) => message.language === language);
        expect(inLanguage.filter((message) => message.shouldEscalate).length).toBeGreaterThanOrEqual(30);
        expect(inLanguage.filter((message) => !message.shouldEscalate).length).toBeGreaterThanOrEqual(30);
      }
    });

    it('reaches its bars in every language', () => {
      const figures = evaluateByLanguage(set, (text) => detector.detect(text));
      for (const { language, evaluation } of figures) {
        expect({ language, precision: evaluation.precision >= bars[language].precision }).toEqual({ language, precision: true });
        expect({ language, recall: evaluation.recall >= bars[language].recall }).toEqual({ language, recall: true });
      }
    });
  });
});
