import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '../styles/fonts.css';
import '../styles/staff.css';
import '../i18n/i18n.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

const root = document.getElementById('root');
if (!root) throw new Error('The staff page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
