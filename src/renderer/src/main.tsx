import { StrictMode } from 'react';
import { config } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

// The CSP forbids eval; zod would otherwise probe `new Function` and log a CSP violation.
config({ jitless: true });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
