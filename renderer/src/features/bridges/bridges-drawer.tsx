import { useState, type FormEvent } from 'react';
import { bridgeHealth, BRIDGE_KINDS, BRIDGE_LIMITS, type BridgeKind, type BridgeStatus } from '@shared/features/bridges/domain/bridges';
import { OBA_CONSOLES, OBA_DEFAULT_ADDRESS, type ObaConsole } from '@shared/features/bridges/domain/oba-message';
import type { BridgeLink } from '@shared/features/bridges/protocol/bridge-commands';
import { useCanSend } from '../../app/use-can-send';
import { useNow } from '../../app/use-now';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import './bridges.css';

/**
 * The studio's own chat bridges: add one (its link shown once, to paste into the source), see each one working in
 * plain words (receiving, waiting, quiet, paused) with its figures, pause, renew the link, remove.
 */
export function BridgesDrawer(props: { onClose: () => void }) {
  const t = useT();
  const hub = useHub();
  const bridges = useAppState((s) => s.bridges);
  const canAdd = useCanSend('bridge.add');
  const canPause = useCanSend('bridge.pause');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BridgeKind>('ssn');
  const [channel, setChannel] = useState('');
  const [video, setVideo] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [address, setAddress] = useState(OBA_DEFAULT_ADDRESS);
  const [commentPlatform, setCommentPlatform] = useState<ObaConsole>('douyin');
  const [link, setLink] = useState<BridgeLink | null>(null);
  const [copied, setCopied] = useState(false);
  const now = useNow(true, 5000);

  const showLink = (result: Awaited<ReturnType<NonNullable<typeof hub>['send']>> | undefined) => {
    if (result?.ok) {
      setLink(result.data as BridgeLink);
      setCopied(false);
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const payload =
      kind === 'twitch'
        ? { kind, name: name.trim(), channel: channel.trim() }
        : kind === 'youtube'
          ? { kind, name: name.trim(), video: video.trim(), apiKey: apiKey.trim() }
          : kind === 'oba'
            ? { kind, name: name.trim(), address: address.trim(), commentPlatform }
            : { kind, name: name.trim() };
    const result = await hub?.send('bridge.add', payload);
    if (!result?.ok) return;
    showLink(result);
    setName('');
    setChannel('');
    setVideo('');
    setApiKey('');
  };
  const copy = async () => {
    if (!link?.url) return;
    await navigator.clipboard?.writeText(link.url).catch(() => undefined);
    setCopied(true);
  };

  return (
    <aside className="drawer bridges-drawer" role="dialog" aria-label={t('bridges.title')} data-testid="bridges-drawer">
      <header className="drawer-head">
        <h2>{t('bridges.title')}</h2>
        <button type="button" onClick={props.onClose}>
          {t('bridges.close')}
        </button>
      </header>
      <p className="hint">{t('bridges.intro')}</p>
      {canAdd ? (
        <form className="bridge-add" onSubmit={add}>
          <select aria-label={t('bridges.kind')} data-testid="bridge-kind" value={kind} onChange={(e) => setKind(e.target.value as BridgeKind)}>
            {BRIDGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`bridges.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
          {kind === 'twitch' ? (
            <input aria-label={t('bridges.channel')} placeholder={t('bridges.channelPlaceholder')} data-testid="bridge-channel" value={channel} onChange={(e) => setChannel(e.target.value)} />
          ) : null}
          {kind === 'oba' ? (
            <>
              <input aria-label={t('bridges.address')} placeholder={OBA_DEFAULT_ADDRESS} data-testid="bridge-address" value={address} onChange={(e) => setAddress(e.target.value)} />
              <label className="bridge-field">
                {t('bridges.commentPlatform')}
                <select data-testid="bridge-comment-platform" value={commentPlatform} onChange={(e) => setCommentPlatform(e.target.value as ObaConsole)}>
                  {OBA_CONSOLES.map((c) => (
                    <option key={c} value={c}>
                      {t(`bridges.commentPlatform.${c}`)}
                    </option>
                  ))}
                </select>
              </label>
              <p className="hint">{t('bridges.obaHint')}</p>
            </>
          ) : null}
          {kind === 'youtube' ? (
            <>
              <input aria-label={t('bridges.video')} placeholder={t('bridges.videoPlaceholder')} data-testid="bridge-video" value={video} onChange={(e) => setVideo(e.target.value)} />
              <input
                type="password"
                autoComplete="off"
                aria-label={t('bridges.apiKey')}
                placeholder={t('bridges.apiKeyPlaceholder')}
                data-testid="bridge-api-key"
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
              />
              <p className="hint">{t('bridges.apiKeyHint')}</p>
            </>
          ) : null}
          <input
            aria-label={t('bridges.name')}
            placeholder={t('bridges.namePlaceholder')}
            data-testid="bridge-name"
            value={name}
            maxLength={BRIDGE_LIMITS.nameLength}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="submit"
            data-testid="bridge-add"
            disabled={name.trim() === '' || (kind === 'twitch' && channel.trim() === '') || (kind === 'youtube' && (video.trim() === '' || apiKey.trim() === ''))}
          >
            {t('bridges.add')}
          </button>
        </form>
      ) : null}
      {link?.url ? (
        <div className="bridge-link" data-testid="bridge-link" role="status">
          <p>{t('bridges.linkOnce')}</p>
          <code data-testid="bridge-url">{link.url}</code>
          <button type="button" onClick={() => void copy()}>
            {t(copied ? 'bridges.copied' : 'bridges.copy')}
          </button>
        </div>
      ) : null}
      {bridges.length === 0 ? <p className="hint">{t('bridges.none')}</p> : null}
      <ul className="bridge-list">
        {bridges.map((bridge) => (
          <BridgeRow key={bridge.id} bridge={bridge} now={now} canPause={canPause} canManage={canAdd} onLink={showLink} />
        ))}
      </ul>
    </aside>
  );
}

function BridgeRow(props: {
  bridge: BridgeStatus;
  now: number;
  canPause: boolean;
  canManage: boolean;
  onLink(result: Awaited<ReturnType<NonNullable<ReturnType<typeof useHub>>['send']>> | undefined): void;
}) {
  const t = useT();
  const hub = useHub();
  const { bridge } = props;
  const health = bridgeHealth(bridge, props.now);
  const last = bridge.lastMessageAt === null ? t('bridges.never') : new Date(bridge.lastMessageAt).toLocaleTimeString();
  return (
    <li className={`bridge is-${health}`} data-testid="bridge" data-bridge={bridge.id} data-health={health} data-accepted={bridge.accepted}>
      <strong>
        {bridge.name}
        {bridge.channel ? <span className="hint"> · twitch.tv/{bridge.channel}</span> : null}
        {bridge.video ? <span className="hint"> · youtu.be/{bridge.video}</span> : null}
        {bridge.address ? <span className="hint"> · {bridge.address}</span> : null}
      </strong>
      <span className="bridge-health">{t(`bridges.health.${health}` as MessageKey)}</span>
      <span className="hint">{t('bridges.figures', { perMinute: bridge.perMinute, accepted: bridge.accepted, last })}</span>
      {bridge.lastProblem ? (
        <span className="error" role="alert">
          {t(`bridges.problem.${bridge.lastProblem.code}` as MessageKey, bridge.lastProblem.params)}
        </span>
      ) : null}
      <span className="bridge-actions">
        {props.canPause ? (
          <button type="button" data-testid="bridge-pause" onClick={() => void hub?.send('bridge.pause', { id: bridge.id, paused: !bridge.isPaused })}>
            {t(bridge.isPaused ? 'bridges.resume' : 'bridges.pause')}
          </button>
        ) : null}
        {props.canManage ? (
          <>
            {bridge.kind === 'ssn' ? (
              <button type="button" data-testid="bridge-rotate" onClick={async () => props.onLink(await hub?.send('bridge.rotate', { id: bridge.id }))}>
                {t('bridges.rotate')}
              </button>
            ) : null}
            <button type="button" data-testid="bridge-remove" onClick={() => void hub?.send('bridge.remove', { id: bridge.id })}>
              {t('bridges.remove')}
            </button>
          </>
        ) : null}
      </span>
    </li>
  );
}
