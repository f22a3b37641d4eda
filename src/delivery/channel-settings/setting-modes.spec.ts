import { SettingField } from '../../channels/setting-field';
import { chosenMode, fieldsOfOtherModes, modeProblem } from './setting-modes';

const field = (name: string, group?: string, secret = false): SettingField => ({
  name,
  label: name,
  type: 'text',
  required: true,
  secret,
  ...(group && { group, groupLabel: group.toUpperCase() }),
});
const FIELDS = [field('url', 'hook', true), field('token', 'app', true), field('room', 'app'), field('note')];
const names = (...present: string[]) => (candidate: SettingField) => present.includes(candidate.name);

describe('setting modes', () => {
  it('chooses the mode a save sends, else the stored one', () => {
    expect(chosenMode(FIELDS, { sent: names('url'), stored: names('token', 'room'), kept: names('token') })).toBe('hook');
    expect(chosenMode(FIELDS, { sent: names('room'), stored: names('token', 'room'), kept: names('token') })).toBe('app');
    expect(chosenMode(FIELDS, { sent: names(), stored: names('url'), kept: names('url') })).toBe('hook');
    expect(chosenMode([field('note')], { sent: names('note'), stored: names(), kept: names() })).toBeUndefined();
  });

  it('refuses a save of several modes, of none, or of an incomplete one', () => {
    expect(() => chosenMode(FIELDS, { sent: names('url', 'room'), stored: names(), kept: names() })).toThrow('one mode only, HOOK or APP');
    expect(() => chosenMode(FIELDS, { sent: names('note'), stored: names(), kept: names() })).toThrow('choose a mode');
    expect(() => chosenMode(FIELDS, { sent: names('room'), stored: names(), kept: names() })).toThrow('the APP mode needs token');
  });

  it('says what saved settings lack of their mode', () => {
    expect(modeProblem(FIELDS, names('token', 'room'))).toBeNull();
    expect(modeProblem(FIELDS, names('token'))).toBe('room is missing.');
    expect(modeProblem(FIELDS, names())).toBe('Choose one of: HOOK, APP.');
    expect(modeProblem([field('note')], names())).toBeNull();
  });

  it('names what a save in one mode forgets', () => {
    expect(fieldsOfOtherModes(FIELDS, 'app')).toEqual(new Set(['url']));
    expect(fieldsOfOtherModes(FIELDS, 'hook')).toEqual(new Set(['token', 'room']));
  });
});
