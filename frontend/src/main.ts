import { mount } from 'svelte';
import './styles/tokens.css';
import './styles/base.css';
import './lib/theme.svelte';
import './lib/i18n.svelte';
import App from './App.svelte';

const app = mount(App, { target: document.getElementById('app')! });

export default app;
