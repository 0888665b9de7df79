import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactString } from '../harness/redact.js';
import { redactOptionsFor } from '../harness/reporters/redact-result.js';
import { profileSchema } from '../harness/profile/schema.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3cy1jaGFvcyJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS0_';

describe('redactString', () => {
  it('redacts token and access_token query parameters, keeping the rest of the URL', () => {
    expect(redactString('ws://h:1/ws?token=abc123&room=7')).toBe(`ws://h:1/ws?token=${REDACTED}&room=7`);
    expect(redactString('wss://h/ws?x=1&access_token=s3cr3t#frag')).toBe(`wss://h/ws?x=1&access_token=${REDACTED}#frag`);
    expect(redactString('GET /ws?TOKEN=abc HTTP/1.1')).toBe(`GET /ws?TOKEN=${REDACTED} HTTP/1.1`);
  });

  it('redacts a parameter the profile names, and URL-encoded parameters', () => {
    expect(redactString('ws://h/ws?sid=abc123', { params: ['sid'] })).toBe(`ws://h/ws?sid=${REDACTED}`);
    expect(redactString('ws://h/ws?sid=abc123')).toBe('ws://h/ws?sid=abc123');
    expect(redactString('next=%2Fws%3Ftoken%3Dabc123')).toBe(`next=%2Fws%3Ftoken%3D${REDACTED}`);
  });

  // Issue 8 item 25: every parameter whose name looks like a credential, not a fixed list.
  const R = REDACTED;
  const table: Array<[string, string]> = [
    ['ws://h/ws?sig=abc123&room=7', `ws://h/ws?sig=${R}&room=7`],
    ['ws://h/ws?access-token=abc123', `ws://h/ws?access-token=${R}`],
    ['ws://h/ws?room=7&api_key=k-123', `ws://h/ws?room=7&api_key=${R}`],
    ['ws://h/ws?ApiKey=k-123', `ws://h/ws?ApiKey=${R}`],
    ['wss://b.s3.example/o?X-Amz-Signature=deadbeef&X-Amz-Date=20260101', `wss://b.s3.example/o?X-Amz-Signature=${R}&X-Amz-Date=20260101`],
    ['ws://h/ws?client_secret=cs-1&client_id=app', `ws://h/ws?client_secret=${R}&client_id=app`],
    ['ws://h/ws?Authorization=xyz', `ws://h/ws?Authorization=${R}`],
    ['ws://h/ws?user=ann&passwd=hunter2', `ws://h/ws?user=ann&passwd=${R}`],
    ['ws://h/ws?PASSWORD=hunter2', `ws://h/ws?PASSWORD=${R}`],
    ['ws://h/ws?session_id=s-42', `ws://h/ws?session_id=${R}`],
    ['https://h/cb?code=oauth-code-1&state=s', `https://h/cb?code=${R}&state=s`],
    ['ws://h/ws?JWT=abc', `ws://h/ws?JWT=${R}`],
    ['ws://h/ws?x.credential=c-1', `ws://h/ws?x.credential=${R}`],
    ['https://h/cb#access_token=at-1&token_type=bearer', `https://h/cb#access_token=${R}&token_type=${R}`],
    ['ws://h/ws?access%5Ftoken=at-1', `ws://h/ws?access%5Ftoken=${R}`],
    ['next=%2Fws%3Fsig%3Dabc%26room%3D7', `next=%2Fws%3Fsig%3D${R}%26room%3D7`],
    ['<a href="ws://h/ws?room=1&amp;sig=abc">', `<a href="ws://h/ws?room=1&amp;sig=${R}">`],
    ['GET /ws?a=1;token=abc HTTP/1.1', `GET /ws?a=1;token=${R} HTTP/1.1`],
    ['wss://ann:hunter22@h/ws', `wss://ann:${R}@h/ws`],
    ['wss://ann:p@ss@h/ws?room=1', `wss://ann:${R}@h/ws?room=1`],
    ['https://ghp_tokenAsUser@git.example/x', `https://${R}@git.example/x`],
    ['ws://h/ws?room=7&user=ann&v=2', 'ws://h/ws?room=7&user=ann&v=2'],
    ['closed 1011; code=1011 after 50 ms', 'closed 1011; code=1011 after 50 ms'],
    ['{"code":"WSC_ERR_USAGE","client_secret":"cs-1","apiKey":"k","name":"x"}', `{"code":"WSC_ERR_USAGE","client_secret":"${R}","apiKey":"${R}","name":"x"}`],
  ];
  it.each(table)('%s', (input, output) => {
    expect(redactString(input)).toBe(output);
    // Idempotent: redacting twice changes nothing more.
    expect(redactString(output)).toBe(output);
  });

  it('redacts JWT-looking strings anywhere, whole', () => {
    const out = redactString(`got ${JWT}, then more`);
    expect(out).toBe(`got ${REDACTED}, then more`);
    expect(out).not.toContain('c2lnbmF0');
  });

  it('redacts Authorization and Cookie header lines and Bearer / Basic credentials', () => {
    expect(redactString('Authorization: Token abc.def')).toBe(`Authorization: ${REDACTED}`);
    expect(redactString('cookie: session=abc; theme=dark\nnext line')).toBe(`cookie: ${REDACTED}\nnext line`);
    expect(redactString('sent Bearer abc.def-123 to the server')).toBe(`sent Bearer ${REDACTED} to the server`);
    expect(redactString('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
  });

  it('redacts credential fields in JSON text and passwords in URL userinfo', () => {
    expect(redactString('{"type":"welcome","token":"abc\\"def","user":"ann"}')).toBe(`{"type":"welcome","token":"${REDACTED}","user":"ann"}`);
    expect(redactString('{"Authorization": "Bearer x"}')).toBe(`{"Authorization": "${REDACTED}"}`);
    expect(redactString('wss://ann:hunter22@h/ws')).toBe(`wss://ann:${REDACTED}@h/ws`);
  });

  it('redacts literal secrets (at least 4 characters) wherever they appear', () => {
    expect(redactString('the key is opensesame!', { secrets: ['opensesame'] })).toBe(`the key is ${REDACTED}!`);
    expect(redactString('abc abc', { secrets: ['abc'] })).toBe('abc abc');
  });

  it('leaves ordinary text alone', () => {
    const s = 'server closed 1011 (internal error) "Service unavailable" 53.6 ms after open, before the welcome';
    expect(redactString(s)).toBe(s);
    expect(redactString('{"type":"connection_established","user_id":"u1"}')).toBe('{"type":"connection_established","user_id":"u1"}');
  });
});

describe('redact (deep)', () => {
  it('replaces secret header fields whole and scrubs every string', () => {
    const value = {
      url: 'ws://h/ws?token=abc',
      headers: { Authorization: 'Bearer abc', Cookie: 'a=b', 'content-type': 'x' },
      events: [{ text: JWT }, 42, null],
    };
    expect(redact(value)).toEqual({
      url: `ws://h/ws?token=${REDACTED}`,
      headers: { Authorization: REDACTED, Cookie: REDACTED, 'content-type': 'x' },
      events: [{ text: REDACTED }, 42, null],
    });
  });
});

describe('redactOptionsFor', () => {
  it("collects the profile's token, auth parameter and credential headers", () => {
    const profile = profileSchema.parse({
      name: 'p',
      url: 'ws://h/ws',
      auth: { mode: 'query', param: 'sid', token: 'tok-1234567' },
      headers: { Cookie: 'session=cookie-secret-99; theme=dark', 'X-Trace': 'visible' },
    });
    const opts = redactOptionsFor(profile);
    expect(opts.params).toEqual(['sid']);
    expect(opts.secrets).toEqual(expect.arrayContaining(['tok-1234567', 'cookie-secret-99']));
    expect(opts.secrets).not.toContain('visible');
    expect(redactString('saw cookie-secret-99 and tok-1234567 and visible', opts)).toBe(`saw ${REDACTED} and ${REDACTED} and visible`);
  });

  it("collects credential values from the profile's URL: credential-looking parameters and userinfo", () => {
    const profile = profileSchema.parse({ name: 'p', url: 'wss://ann:pw-secret-1@h/ws?sig=sig-value-99&room=lobby-7', auth: { mode: 'none' } });
    const opts = redactOptionsFor(profile);
    expect(opts.secrets).toEqual(expect.arrayContaining(['sig-value-99', 'pw-secret-1']));
    expect(opts.secrets).not.toContain('lobby-7');
    expect(redactString('server echoed sig-value-99 and pw-secret-1 in room lobby-7', opts)).toBe(`server echoed ${REDACTED} and ${REDACTED} in room lobby-7`);
  });

  it('covers header and subprotocol auth', () => {
    const header = profileSchema.parse({ name: 'p', url: 'ws://h/ws', auth: { mode: 'header', value: 'Bearer abcdefgh' } });
    expect(redactString('value abcdefgh', redactOptionsFor(header))).toBe(`value ${REDACTED}`);
    const proto = profileSchema.parse({ name: 'p', url: 'ws://h/ws', auth: { mode: 'subprotocol', protocol: 'auth.s3cret' } });
    expect(redactString('protocol auth.s3cret', redactOptionsFor(proto))).toBe(`protocol ${REDACTED}`);
  });
});
