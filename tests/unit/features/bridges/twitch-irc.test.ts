import { describe, expect, it } from 'vitest';
import { parseIrcLine, twitchChannelOf, twitchEventOf, twitchHandshake } from '../../../../electron/features/bridges/domain/twitch-irc';

const AT = 1_796_000_000_000;
const event = (line: string) => twitchEventOf(parseIrcLine(line)!, AT);

// Lines in the form Twitch documents them (dev.twitch.tv/docs/chat/irc and /docs/irc/tags).
describe('Twitch chat over IRC', () => {
  it('a PRIVMSG with tags is a chat message with its id, display name and send time', () => {
    const line =
      '@badge-info=;badges=turbo/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa';
    expect(event(line)).toEqual({
      kind: 'message',
      message: { id: 'b34ccfc7-4977-403a-8a94-33c6bac34fb8', platform: 'twitch', user: { id: '1337', name: 'ronni' }, text: 'Kappa Keepo Kappa', ts: 1507246572675, kind: 'comment' },
    });
  });

  it('a cheer is a gift leading with its bits; /me actions lose their CTCP wrapping; escaped tags are read', () => {
    const cheer = event('@bits=100;display-name=Cheer\\sBot;id=c1;tmi-sent-ts=1;user-id=9 :cheerbot!cheerbot@cheerbot.tmi.twitch.tv PRIVMSG #shop :cheer100 great glaze');
    expect(cheer).toMatchObject({ message: { kind: 'gift', text: '100 bits · cheer100 great glaze', user: { name: 'Cheer Bot' } } });
    expect(event('@id=a1;user-id=5;display-name=Ann :ann!ann@ann.tmi.twitch.tv PRIVMSG #shop :\u0001ACTION waves\u0001')).toMatchObject({ message: { text: 'waves' } });
    expect(parseIrcLine('@a=x\\:y\\\\z;b :p CMD')?.tags).toEqual({ a: 'x;y\\z', b: '' });
  });

  it('moderation: one message deleted, a viewer timed out or banned, the whole chat cleared', () => {
    expect(event('@login=ronni;room-id=;target-msg-id=abc-123-def;tmi-sent-ts=1642720582342 :tmi.twitch.tv CLEARMSG #dallas :HeyGuys')).toEqual({ kind: 'deleteMessage', id: 'abc-123-def' });
    expect(event('@ban-duration=350;room-id=12345678;target-user-id=87654321;tmi-sent-ts=1642719320727 :tmi.twitch.tv CLEARCHAT #dallas :ronni')).toEqual({ kind: 'clearUser', userId: '87654321' });
    expect(event('@room-id=12345678;tmi-sent-ts=1642715695392 :tmi.twitch.tv CLEARCHAT #dallas')).toEqual({ kind: 'clearUser', userId: null });
  });

  it('keeps the connection alive and moves when told', () => {
    expect(event('PING :tmi.twitch.tv')).toEqual({ kind: 'ping', token: 'tmi.twitch.tv' });
    expect(event(':tmi.twitch.tv RECONNECT')).toEqual({ kind: 'reconnect' });
    expect(event(':tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!')).toBeNull();
    expect(event('@emote-only=0;room-id=1 :tmi.twitch.tv ROOMSTATE #dallas')).toBeNull();
  });

  it('ignores what is not IRC or not a usable message', () => {
    for (const junk of ['', '@', ':prefix', 'lowercase command', '{"json":true}']) expect(parseIrcLine(junk)).toBeNull();
    expect(event(':ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :no id tag')).toBeNull();
  });

  it('joins anonymously; a channel is taken as typed, with #, capitals or its URL', () => {
    expect(twitchHandshake('Shop', 4242)).toEqual(['CAP REQ :twitch.tv/tags twitch.tv/commands', 'PASS SCHMOOPIIE', 'NICK justinfan4242', 'JOIN #shop']);
    for (const typed of ['shop_tv', '#shop_tv', 'Shop_TV', 'https://www.twitch.tv/shop_tv', 'twitch.tv/shop_tv?x=1'.replace('twitch.tv/', 'https://twitch.tv/')]) expect(twitchChannelOf(typed), typed).toBe('shop_tv');
    for (const bad of ['', 'a', 'no spaces', 'x'.repeat(30)]) expect(twitchChannelOf(bad), bad).toBeNull();
  });
});
