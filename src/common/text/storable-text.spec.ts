import { boundedText, storableText, wholeOrNothing } from './storable-text';

describe('storableText', () => {
  it('replaces NUL and lone surrogates with U+FFFD and keeps everything else', () => {
    expect(storableText('a\u0000b')).toBe('a\ufffdb');
    expect(storableText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(storableText('emoji 😀 and é, tab\tline\n')).toBe('emoji 😀 and é, tab\tline\n');
  });

  it('reads invalid UTF-8 as decoded by Node (U+FFFD already) unchanged', () => {
    expect(storableText(Buffer.from([0x61, 0xff, 0xfe, 0x62]).toString('utf8'))).toBe('a\ufffd\ufffdb');
  });
});

describe('boundedText', () => {
  it('keeps text that fits and cuts longer text to the column, marked', () => {
    expect(boundedText('short', 10)).toBe('short');
    expect(boundedText('abcdefghijk', 5)).toBe('abcd…');
  });

  it('counts code points and never splits a surrogate pair', () => {
    const text = '😀'.repeat(6);
    expect(boundedText(text, 6)).toBe(text);
    expect(boundedText(text, 3)).toBe('😀😀…');
  });
});

describe('wholeOrNothing', () => {
  it('keeps a value that fits whole and drops one that does not', () => {
    expect(wholeOrNothing('35436', 255)).toBe('35436');
    expect(wholeOrNothing('9'.repeat(300), 255)).toBeNull();
    expect(wholeOrNothing(undefined, 255)).toBeNull();
  });

  it('makes what it keeps storable', () => {
    expect(wholeOrNothing('id\u0000', 255)).toBe('id\ufffd');
  });
});
