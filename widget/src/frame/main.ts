import { startApp } from './app';
import { readConfig } from './config';
import { chooseLocale } from './locale';

const config = readConfig(document.body, location.search);
// The site's colour comes from the server's settings; only a valid CSS colour gets through.
if (config.color && CSS.supports('color', config.color)) {
  document.documentElement.style.setProperty('--chat-color', config.color);
}
// The browser's languages until the host page says otherwise with ChatWidget.setLocale.
startApp(document.getElementById('app') ?? document.body, config, chooseLocale(null, navigator.languages), (requested) =>
  chooseLocale(requested, navigator.languages),
);
