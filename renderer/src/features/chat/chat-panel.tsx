import { EmptyState, Panel } from '../../app/panel';
import { useT } from '../../i18n/use-t';

/** Live chat from the platform bridges. */
export function ChatPanel() {
  const t = useT();
  return (
    <Panel title={t('chat.title')} area="chat">
      <EmptyState>{t('chat.empty')}</EmptyState>
    </Panel>
  );
}
