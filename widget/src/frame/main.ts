import { startApp } from './app';
import { readConfig } from './config';
import { en } from './strings';

const config = readConfig(document.body, location.search);
// The site's colour comes from the server's settings; only a valid CSS colour gets through.
if (config.color && CSS.supports('color', config.color)) {
  document.documentElement.style.setProperty('--chat-color', config.color);
}
startApp(document.getElementById('app') ?? document.body, config, en);
