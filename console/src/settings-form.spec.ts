import { describe, expect, it } from '@jest/globals';
import { ApiProblem, type ChannelField, type HandoffChannel } from './api/client';
import { fieldsInMode, humanName, initialValues, missingFields, placeProblems, savedMode, settingsBody, settingsModes } from './settings-form';

/** A channel with a field of every type, as a helpdesk channel the console has never seen. */
const FIELDS: ChannelField[] = [
  { name: 'subdomain', label: 'Subdomain', type: 'text', required: true, secret: false },
  { name: 'agentEmail', label: 'Agent email', type: 'email', required: true, secret: false },
  { name: 'apiToken', label: 'API token', type: 'text', required: true, secret: true },
  { name: 'callbackUrl', label: 'Callback URL', type: 'url', required: false, secret: false },
  { name: 'fieldId', label: 'Field id', type: 'number', required: false, secret: false },
  { name: 'tags', label: 'Tags', type: 'list', required: false, secret: false },
  { name: 'public', label: 'Public', type: 'boolean', required: false, secret: false },
];

function channel(settings: Record<string, unknown>, tokenStored = false): HandoffChannel {
  return {
    channel: 'helpdesk',
    displayName: 'Helpdesk',
    configured: tokenStored,
    problem: null,
    settings,
    secrets: [{ name: 'apiToken', set: tokenStored, createdAt: tokenStored ? '2026-11-21T08:00:00.000Z' : null, previousExpiresAt: null }],
    fields: FIELDS,
    failing: null,
    inboundUrl: null,
    inboundBodyTemplate: null,
    inboundSetupSteps: [],
  };
}

describe('channel settings forms', () => {
  it('starts from the saved settings, each in its control, with secrets empty', () => {
    const saved = channel({ subdomain: 'acme', agentEmail: 'a@acme.example', fieldId: 42, tags: ['wilow', 'vip'], public: true }, true);
    expect(initialValues(saved)).toEqual({
      subdomain: 'acme',
      agentEmail: 'a@acme.example',
      apiToken: '',
      callbackUrl: '',
      fieldId: '42',
      tags: 'wilow\nvip',
      public: true,
    });
    expect(initialValues(channel({})).public).toBe(false);
  });

  it('saves typed values, leaves empty fields out (a stored secret is kept), and splits lists', () => {
    const body = settingsBody(FIELDS, {
      subdomain: ' acme ',
      agentEmail: 'a@acme.example',
      apiToken: '',
      callbackUrl: '',
      fieldId: '42',
      tags: 'wilow\n vip, urgent\n\n',
      public: false,
    });
    expect(body).toEqual({ subdomain: 'acme', agentEmail: 'a@acme.example', fieldId: 42, tags: ['wilow', 'vip', 'urgent'], public: false });
  });

  it('asks for required fields left empty, but not for a secret already stored', () => {
    const values = initialValues(channel({}));
    expect(missingFields(channel({}), values)).toEqual({
      subdomain: 'Enter the subdomain.',
      agentEmail: 'Enter the agent email.',
      apiToken: 'Enter the api token.',
    });
    expect(Object.keys(missingFields(channel({}, true), values))).toEqual(['subdomain', 'agentEmail']);
  });

  it('puts validation messages next to their fields, under the field label', () => {
    const problem = new ApiProblem('Validation failed', 400, 'VALIDATION_FAILED', [
      'agentEmail must be an email',
      'fieldId must be a number',
      'property extra should not exist',
    ]);
    expect(placeProblems(FIELDS, problem)).toEqual({
      byField: { agentEmail: 'Agent email must be an email', fieldId: 'Field id must be a number' },
      general: ['property extra should not exist'],
    });
  });

  it('puts a refused address under the URL field, and any other refusal beside the form', () => {
    const refused = new ApiProblem('Webhook URL must use https.', 400, 'WEBHOOK_URL_REJECTED');
    expect(placeProblems(FIELDS, refused)).toEqual({ byField: { callbackUrl: 'Webhook URL must use https.' }, general: [] });
    const other = new ApiProblem('Unknown channel.', 404, 'NOT_FOUND');
    expect(placeProblems(FIELDS, other)).toEqual({ byField: {}, general: ['Unknown channel.'] });
  });

  it('names a generated secret from its property', () => {
    expect(humanName('signingSecret')).toBe('Signing secret');
    expect(humanName('token')).toBe('Token');
  });

  describe('a channel whose settings take one of several modes', () => {
    const MODES: ChannelField[] = [
      { name: 'webhookUrl', label: 'Incoming webhook URL', type: 'url', required: true, secret: true, group: 'webhook', groupLabel: 'Incoming webhook' },
      { name: 'botToken', label: 'Bot token', type: 'text', required: true, secret: true, group: 'app', groupLabel: 'Slack app' },
      { name: 'channelId', label: 'Channel ID', type: 'text', required: true, secret: false, group: 'app', groupLabel: 'Slack app' },
      { name: 'note', label: 'Note', type: 'text', required: false, secret: false },
    ];
    const slack = (settings: Record<string, unknown>, stored: string[]): HandoffChannel => ({
      ...channel(settings),
      fields: MODES,
      secrets: ['webhookUrl', 'botToken'].map((name) => ({ name, set: stored.includes(name), createdAt: null, previousExpiresAt: null })),
    });

    it('offers the modes by label, in order', () => {
      expect(settingsModes(MODES)).toEqual([
        { name: 'webhook', label: 'Incoming webhook' },
        { name: 'app', label: 'Slack app' },
      ]);
      expect(settingsModes(FIELDS)).toEqual([]);
    });

    it('starts in the saved mode, else the first', () => {
      expect(savedMode(slack({ channelId: 'C1' }, ['botToken']))).toBe('app');
      expect(savedMode(slack({}, ['webhookUrl']))).toBe('webhook');
      expect(savedMode(slack({}, []))).toBe('webhook');
      expect(savedMode(channel({}))).toBeUndefined();
    });

    it("shows and saves the chosen mode's fields and the common ones only", () => {
      const shown = fieldsInMode(MODES, 'app');
      expect(shown.map((field) => field.name)).toEqual(['botToken', 'channelId', 'note']);
      expect(settingsBody(shown, { webhookUrl: 'https://hooks.example/x', botToken: 'xoxb-1', channelId: 'C1', note: '' })).toEqual({ botToken: 'xoxb-1', channelId: 'C1' });
      expect(missingFields({ ...slack({}, []), fields: shown }, { botToken: '', channelId: '' })).toEqual({
        botToken: 'Enter the bot token.',
        channelId: 'Enter the channel id.',
      });
      expect(fieldsInMode(FIELDS, undefined)).toEqual(FIELDS);
    });
  });
});
