/**
 * The grid member's field pages (phone-sized, light: no component library, no charts): the
 * worklist, a resident's card, the screening form, a ride booking and the outbox. They work
 * offline: the service worker serves the app, IndexedDB holds the worklist and the outbox, and
 * the sync loop sends the outbox whenever the network allows.
 */
import { useEffect, useRef } from 'react';
import { Route, Routes } from 'react-router-dom';
import { addMessages } from '../i18n/index.js';
import { outbox } from '../offline/outbox.js';
import { sessionRenewed, startSync } from '../offline/syncLoop.js';
import { useSession } from '../shell/session.js';
import { FieldLayout } from './FieldLayout.js';
import { fieldMessages } from './messages.js';
import { OutboxPage } from './OutboxPage.js';
import { ResidentCard } from './ResidentCard.js';
import { TransportForm } from './TransportForm.js';
import { VisitForm } from './VisitForm.js';
import { WorklistPage } from './WorklistPage.js';
import { useWorklist, WorklistProvider } from './worklistContext.js';
import './field.css';

addMessages('field', fieldMessages);

/** Runs the sync loop while the field pages are open; a stored upload refreshes the worklist. */
function SyncRunner() {
  const { refresh } = useWorklist();
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => startSync(() => void refreshRef.current()), []);
  return null;
}

export default function FieldApp() {
  const { user } = useSession();
  const username = user?.username;
  useEffect(() => {
    // A (new) session: load this member's outbox, then send it under the session.
    if (username) void outbox.open(username).then(sessionRenewed);
  }, [user, username]);
  if (!user) return null; // RequireUser has sent them to sign in
  return (
    <WorklistProvider user={user}>
      <SyncRunner />
      <FieldLayout>
        <Routes>
          <Route index element={<WorklistPage />} />
          <Route path="residents/:key" element={<ResidentCard />} />
          <Route path="residents/:key/visit" element={<VisitForm />} />
          <Route path="residents/:key/transport" element={<TransportForm />} />
          <Route path="outbox" element={<OutboxPage />} />
          <Route path="outbox/:fixId" element={<VisitForm />} />
        </Routes>
      </FieldLayout>
    </WorklistProvider>
  );
}
