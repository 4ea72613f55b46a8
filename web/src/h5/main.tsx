/** Entry of the resident pages: plain React, no UI kit, for cheap phones on slow connections. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { H5App } from './H5App.tsx';
import './h5.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <H5App />
    </StrictMode>,
  );
}
