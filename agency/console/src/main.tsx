import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app';
import { ConsoleProviders } from './console-context';
import { createConsoleStore } from './console-store';
import { createSession, takeToken } from './session';
import './console.css';

/** Boots the console: takes the sign-in token out of the address bar, signs in with it, renders. */
function start(): void {
  const store = createConsoleStore();
  const session = createSession(store, sessionStorage);
  const token = takeToken(window.location, window.history, sessionStorage);
  if (token) session.signIn(token);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConsoleProviders store={store} session={session}>
        <ConsoleApp />
      </ConsoleProviders>
    </StrictMode>,
  );
}

start();
