import { validateSync } from 'class-validator';
import { NoControlCharacters } from './no-control-characters';

class Sample {
  @NoControlCharacters()
  text: string;
}

function errorsFor(text: string): string[] {
  return validateSync(Object.assign(new Sample(), { text })).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('NoControlCharacters', () => {
  it.each(['plain words', 'tab\there', 'lines\nand\r\nmore', 'émoji 🎉 and ünïcode', ''])('accepts %j', (text) => {
    expect(errorsFor(text)).toEqual([]);
  });

  it.each([
    'nul \u0000 byte',
    'bell\u0007',
    'escape \u001b[31m',
    'vertical\u000Btab',
    'form\u000Cfeed',
    'unit\u001Fsep',
    'invoice \u202Efdp.exe',
    'left-to-right embedding \u202A',
    'pop \u202C',
    'isolate \u2066x\u2069',
    'first strong isolate \u2068',
  ])('refuses %j with a message naming the field', (text) => {
    expect(errorsFor(text)).toEqual([
      'text must not contain control characters (other than tab and line breaks) or bidirectional text controls',
    ]);
  });

  it.each(['Hebrew שלום and Arabic مرحبا', 'left-to-right mark \u200E and right-to-left mark \u200F'])(
    'accepts right-to-left text and the plain direction marks: %j',
    (text) => {
      expect(errorsFor(text)).toEqual([]);
    },
  );
});
