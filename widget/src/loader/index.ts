import { findEmbed } from './embed';
import { loadSettings } from './settings';
import { startWidget } from './widget';

declare global {
  interface Window {
    ChatWidget?: unknown;
  }
}

const loaded = Symbol.for('chat-widget');

async function boot(): Promise<void> {
  const embed = findEmbed(document);
  if (!embed) {
    console.error('Chat: widget.js needs a data-site attribute on its script tag.');
    return;
  }
  // Pasting the tag twice must not draw two launchers.
  if ((window as unknown as Record<symbol, boolean>)[loaded]) return;
  (window as unknown as Record<symbol, boolean>)[loaded] = true;

  const settings = await loadSettings(embed.host, embed.siteKey);
  if (typeof settings === 'string') {
    console.error(settings);
    return;
  }
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  window.ChatWidget = startWidget(embed, settings, window.ChatWidget);
}

void boot();
