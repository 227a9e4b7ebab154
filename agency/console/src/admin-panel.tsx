import { useState } from 'react';
import { AddRoomForm } from './add-room-form';
import { AddUserForm } from './add-user-form';
import { useConsole, useT } from './console-context';
import { CredentialsList } from './credentials-list';

/** The admin's page (`#admin`): add rooms and console users (each token shown once), list and revoke credentials. */
export function AdminPanel() {
  const t = useT();
  const isAdmin = useConsole((s) => s.me?.role === 'admin');
  // Bumped after each room or user added, so the credentials list shows the new one.
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  // The node refuses these requests for other roles anyway; the page simply does not offer them.
  if (!isAdmin) return null;
  return (
    <section className="admin" aria-label={t('admin.title')} data-testid="admin-panel">
      <div className="admin-forms">
        <AddRoomForm onCreated={bump} />
        <AddUserForm onCreated={bump} />
      </div>
      <CredentialsList version={version} />
    </section>
  );
}
