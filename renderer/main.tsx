import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { detectPlatform } from './platform';
import { App } from './ui/app/App';
import { NoSecureStore } from './ui/app/NoSecureStore';
import '../shared/ui/base.css';
import '../shared/ui/frame.css';
import '../shared/ui/panels.css';
import '../shared/ui/tables.css';
import './ui/styles.css';

await initI18n();
const choice = detectPlatform();
createRoot(document.getElementById('root')!).render(
  <StrictMode>{choice.ok ? <App platform={choice.platform} /> : <NoSecureStore />}</StrictMode>,
);
