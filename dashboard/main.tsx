import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import '../shared/ui/base.css';
import '../shared/ui/frame.css';
import '../shared/ui/panels.css';
import '../shared/ui/tables.css';
import './styles.css';

await initI18n();
createRoot(document.getElementById('root')!).render(<App />);
