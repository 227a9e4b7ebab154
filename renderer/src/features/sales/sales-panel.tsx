import { EmptyState, Panel } from '../../app/panel';
import { useT } from '../../i18n/use-t';

/** Sales tallies of the show. */
export function SalesPanel() {
  const t = useT();
  return (
    <Panel title={t('sales.title')} area="sales">
      <EmptyState>{t('sales.empty')}</EmptyState>
    </Panel>
  );
}
