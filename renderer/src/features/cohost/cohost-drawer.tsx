import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { INVITABLE_ROLES, PRODUCER_POWERS } from '@shared/features/cohost/domain/cohost';
import type { Role } from '@shared/core/domain/roles';
import { DEFAULT_INVITE_DAYS, INVITE_VALIDITY_DAYS, type CreatedInvite, type InviteSummary } from '@shared/features/cohost/protocol/cohost-commands';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { AuditLog, SecondWindowButton } from './audit-log';
import { AgencyLinkSection } from '../agency/agency-link-section';
import { useAppState, useHub } from '../../store/store-context';

import type { PresenceEntry } from '@shared/features/cohost/domain/cohost';

// A stable empty list: a selector returning a fresh [] on every call would re-render forever.
const NOBODY: PresenceEntry[] = [];

type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** The anchor's co-host controls: LAN sharing, permissions, invites (link, pairing code, QR), revoke, presence. */
export function CohostDrawer(props: { onClose: () => void }) {
  const t = useT();
  const hub = useHub();
  const sharing = useAppState((s) => s.studio?.sharing ?? null);
  const permissions = useAppState((s) => s.studio?.permissions ?? null);
  const presence = useAppState((s) => s.studio?.presence ?? NOBODY);
  const [invites, setInvites] = useState<InviteSummary[]>([]);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<InvitableRole>('producer');
  const [validDays, setValidDays] = useState(DEFAULT_INVITE_DAYS);
  const language = useAppState((s) => s.language);
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });

  const refresh = useCallback(async () => {
    const result = await hub?.send('invite.list', {});
    if (result?.ok) setInvites(result.data as InviteSummary[]);
  }, [hub]);
  useEffect(() => void refresh(), [refresh, presence.length]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const result = await hub?.send('invite.create', { role, name, validDays });
    if (result?.ok) {
      setCreated(result.data as CreatedInvite);
      setName('');
      void refresh();
    }
  };
  const roleName = (r: Role) => t(`role.${r}` as MessageKey);

  return (
    <aside className="drawer" role="dialog" aria-label={t('cohost.title')} data-testid="cohost-drawer">
      <header className="drawer-head">
        <h2>{t('cohost.title')}</h2>
        <button type="button" onClick={props.onClose}>
          {t('cohost.close')}
        </button>
      </header>
      <SecondWindowButton />

      <label className="toggle">
        <input
          type="checkbox"
          data-testid="sharing-toggle"
          checked={sharing?.isLanEnabled ?? false}
          onChange={(e) => void hub?.send('sharing.set', { enabled: e.target.checked })}
        />
        {t('cohost.sharing')}
      </label>
      <p className="hint" data-testid="sharing-state">
        {sharing?.isLanEnabled ? t('cohost.sharingOn', { urls: sharing.lanUrls.join(', ') }) : t('cohost.sharingOff')}
      </p>
      {sharing?.isLanEnabled && sharing.fingerprint ? (
        <p className="hint fingerprint" data-testid="sharing-fingerprint">
          {t('cohost.fingerprint', { fingerprint: sharing.fingerprint })}
        </p>
      ) : null}
      <fieldset className="producer-powers" data-testid="producer-powers">
        <legend>{t('cohost.powers')}</legend>
        {PRODUCER_POWERS.map((power) => (
          <label className="toggle" key={power}>
            <input
              type="checkbox"
              data-testid={`permission-${power}`}
              checked={permissions?.producerPowers[power] ?? false}
              onChange={(e) => void hub?.send('permissions.set', { producerPowers: { [power]: e.target.checked } })}
            />
            {t(`cohost.power.${power}`)}
          </label>
        ))}
      </fieldset>

      <form className="invite-form" onSubmit={create}>
        <input
          aria-label={t('cohost.inviteName')}
          placeholder={t('cohost.inviteName')}
          data-testid="invite-name"
          value={name}
          maxLength={60}
          required
          onChange={(e) => setName(e.target.value)}
        />
        <select aria-label={t('cohost.inviteRole')} data-testid="invite-role" value={role} onChange={(e) => setRole(e.target.value as InvitableRole)}>
          {INVITABLE_ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </select>
        <select aria-label={t('cohost.inviteValid')} data-testid="invite-valid" value={validDays} onChange={(e) => setValidDays(Number(e.target.value))}>
          {INVITE_VALIDITY_DAYS.map((days) => (
            <option key={days} value={days}>
              {t('cohost.inviteDays', { days })}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="invite-create">
          {t('cohost.inviteCreate')}
        </button>
      </form>

      {created ? (
        <div className="invite-created" data-testid="invite-created">
          <p>{t('cohost.inviteCreated', { name: created.name, role: roleName(created.role), code: created.pairingCode })}</p>
          <p className="hint" data-testid="invite-expires">
            {t('cohost.inviteExpires', { date: day.format(created.expiresAt) })}
          </p>
          {/* The QR is an image of hub-made SVG: never inserted as markup. */}
          <img className="qr" alt="QR" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(created.qrSvg)}`} />
          <ul className="invite-links">
            {created.urls.map((u) => (
              <li key={u}>
                <code data-testid="invite-url">{u}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>{t('cohost.invites')}</h3>
      {invites.length === 0 ? <p className="hint">{t('cohost.noInvites')}</p> : null}
      <ul className="invite-list">
        {invites.map((i) => (
          <li key={i.principalId} data-testid="invite-row">
            <span>
              {i.name} · {roleName(i.role)} {i.isConnected ? <em className="online">{t('cohost.online')}</em> : null}
              {i.expiresAt !== null ? <small className="hint"> · {t('cohost.inviteExpires', { date: day.format(i.expiresAt) })}</small> : null}
            </span>
            <button
              type="button"
              data-testid="invite-revoke"
              onClick={() => void hub?.send('invite.revoke', { principalId: i.principalId }).then(refresh)}
            >
              {t('cohost.revoke')}
            </button>
          </li>
        ))}
      </ul>

      <h3>{t('cohost.presence')}</h3>
      <ul className="presence-list" data-testid="presence">
        {presence.map((p) => (
          <li key={p.clientId}>
            {p.name} · {roleName(p.role)} · {t('cohost.since', { time: new Date(p.since).toLocaleTimeString() })}
          </li>
        ))}
      </ul>
      <AgencyLinkSection />
      <AuditLog />
    </aside>
  );
}
