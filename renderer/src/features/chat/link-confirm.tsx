import { useT } from '../../i18n/use-t';

/** Asks before a viewer's https link opens; the URL is shown in full so the anchor sees where it goes. */
export function LinkConfirm(props: { url: string; onClose(): void }) {
  const t = useT();
  const open = () => {
    // noopener: the opened page gets no handle on the studio window. Electron's window-open handler vets it again.
    window.open(props.url, '_blank', 'noopener,noreferrer');
    props.onClose();
  };
  return (
    <div className="chat-dialog-backdrop">
      <div className="chat-dialog" role="dialog" aria-modal="true" aria-labelledby="chat-link-title" data-testid="link-confirm">
        <h3 id="chat-link-title">{t('chat.linkConfirmTitle')}</h3>
        <p className="chat-dialog-url">{t('chat.linkConfirmBody', { url: props.url })}</p>
        <div className="chat-dialog-actions">
          <button type="button" onClick={props.onClose} data-testid="link-cancel" autoFocus>
            {t('chat.cancel')}
          </button>
          <button type="button" className="primary" onClick={open} data-testid="link-open">
            {t('chat.linkOpen')}
          </button>
        </div>
      </div>
    </div>
  );
}
