import { mount } from 'svelte';
import './styles/tokens.css';
import './styles/base.css';
import './lib/theme.svelte';
import { languageReady } from './lib/i18n.svelte';
import App from './App.svelte';

// The first screen comes up once the Go side speaks the window's language
// (its messages and labels then come in that language from the start).
await languageReady;
const app = mount(App, { target: document.getElementById('app')! });

export default app;
