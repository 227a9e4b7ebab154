import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../electron/features/bridges/domain/html-text';
import { RepeatWindow, SSN_DEDUPE_WINDOW_MS, ssnMessages, ssnToChat } from '../../../../electron/features/bridges/domain/ssn-message';

const AT = 1_796_000_000_000;
const message = (raw: object, repeats = new RepeatWindow()) => {
  const out = ssnToChat(raw, AT, repeats);
  if (!('message' in out)) throw new Error(`skipped: ${out.skipped}`);
  return out.message;
};

describe('Social Stream Ninja messages, field by field as its api.md describes them', () => {
  it('a chat message with emote HTML becomes plain text, with its source and viewer', () => {
    const m = message({
      chatname: 'Lena 🍵',
      chatmessage: 'Is the <b>teapot</b> still <img src="https://x/emote.png" alt="Kappa"> in stock?<br>Thanks &amp; hi &#x1F44B;',
      chatimg: 'https://yt3.example/avatar.jpg',
      type: 'youtube',
      userid: 'UC123',
      id: 7,
      textonly: false,
      event: false,
    });
    expect(m).toMatchObject({ platform: 'youtube', user: { id: 'UC123', name: 'Lena 🍵' }, kind: 'comment', ts: AT });
    expect(m.text).toBe('Is the teapot still Kappa in stock? Thanks & hi 👋');
  });

  it('keeps textonly text as it is (markup-looking text stays text), and never turns entities into tags', () => {
    expect(message({ chatname: 'a', chatmessage: '<script>alert(1)</script> 1 < 2', textonly: true, type: 'twitch' }).text).toBe('<script>alert(1)</script> 1 < 2');
    // Decoded once: an escaped tag is shown as the characters it spells, and the UI renders text nodes only.
    expect(message({ chatname: 'a', chatmessage: '&lt;img src=x onerror=alert(1)&gt;', type: 'kick' }).text).toBe('<img src=x onerror=alert(1)>');
    expect(htmlToText('<style>b{}</style><script>x()</script>ok')).toBe('ok');
  });

  it('a donation is a gift that leads with the amount as SSN wrote it; follows and joins are their own kinds', () => {
    const gift = message({ chatname: 'Sam', chatmessage: 'love the glaze', hasDonation: '$5.00 USD', type: 'youtube', userid: 'UC9' });
    expect(gift).toMatchObject({ kind: 'gift', text: '$5.00 USD · love the glaze' });
    expect(message({ chatname: 'Ana', hasDonation: '3 roses', type: 'tiktok' })).toMatchObject({ kind: 'gift', text: '3 roses' });
    expect(message({ chatname: 'Bo', chatmessage: 'followed', event: 'follow', type: 'twitch' }).kind).toBe('follow');
    expect(message({ chatname: 'Cy', event: 'joined', type: 'tiktok' }).kind).toBe('join');
    expect(ssnToChat({ chatname: 'Di', chatmessage: 'raided', event: 'raid', type: 'twitch' }, AT, new RepeatWindow())).toEqual({ skipped: 'event "raid" is not shown in chat' });
  });

  it('refuses what is not a message, and cleans the source id', () => {
    expect(ssnToChat(null, AT, new RepeatWindow())).toEqual({ skipped: 'not a message object' });
    expect(ssnToChat([1], AT, new RepeatWindow())).toEqual({ skipped: 'not a message object' });
    expect(ssnToChat({ type: 'youtube' }, AT, new RepeatWindow())).toEqual({ skipped: 'no chatname and no chatmessage' });
    expect(ssnToChat({ chatname: 'x', chatmessage: '<img src=a>' }, AT, new RepeatWindow())).toEqual({ skipped: 'empty message' });
    expect(message({ chatname: 'x', chatmessage: 'hi', type: 'YouTube Live!' }).platform).toBe('youtubelive');
    expect(message({ chatname: 'x', chatmessage: 'hi' }).platform).toBe('ssn');
    expect(message({ chatname: 'x'.repeat(200), chatmessage: 'y'.repeat(5000) })).toMatchObject({ user: { name: 'x'.repeat(64) } });
    expect(message({ chatname: 'x', chatmessage: 'y'.repeat(5000) }).text).toHaveLength(2000);
  });

  it("dedupes by source, viewer and text within a sliding 10 s window, not by SSN's per-run id; a webhook id wins", () => {
    const repeats = new RepeatWindow();
    const at = (offset: number, raw: object) => {
      const out = ssnToChat(raw, AT + offset, repeats);
      if (!('message' in out)) throw new Error(out.skipped);
      return out.message.id;
    };
    const hi = { chatname: 'Lena', chatmessage: 'hi', type: 'youtube', userid: 'U1' };
    const first = at(0, { ...hi, id: 1 });
    // Repeats 9 s apart keep the first id for as long as they come (the window slides), whatever SSN's id says.
    expect([at(9_000, { ...hi, id: 99 }), at(18_000, hi), at(27_000, hi)]).toEqual([first, first, first]);
    // Other text, another source, another viewer: other messages.
    expect(at(27_500, { ...hi, chatmessage: 'hi!' })).not.toBe(first);
    expect(at(27_500, { ...hi, type: 'twitch' })).not.toBe(first);
    expect(at(27_500, { ...hi, userid: 'U2' })).not.toBe(first);
    // After more than the window of quiet, the same words are said again.
    expect(at(27_000 + SSN_DEDUPE_WINDOW_MS + 1, hi)).not.toBe(first);
    expect(message({ chatname: 'D', hasDonation: '$1', meta: { webhookId: 'evt_123' } }).id).toBe('w-evt_123');
  });

  it('takes one message object, a list, or {messages}', () => {
    expect(ssnMessages({ chatname: 'a' })).toEqual([{ chatname: 'a' }]);
    expect(ssnMessages([{ chatname: 'a' }, { chatname: 'b' }])).toHaveLength(2);
    expect(ssnMessages({ messages: [{ chatname: 'a' }] })).toEqual([{ chatname: 'a' }]);
  });
});
