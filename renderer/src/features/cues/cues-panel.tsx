import { EmptyState, Panel } from '../../app/panel';
import { useT } from '../../i18n/use-t';

/** Run of show: current and next product cue cards. */
export function CuesPanel() {
  const t = useT();
  return (
    <Panel title={t('cues.title')} area="cues">
      <EmptyState>{t('cues.empty')}</EmptyState>
    </Panel>
  );
}
