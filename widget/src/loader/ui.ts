import type { WidgetSettings } from './settings';
import { styles } from './styles';

export interface WidgetUi {
  frame: HTMLIFrameElement;
  launcher: HTMLButtonElement;
  showOpen(open: boolean): void;
  showUnread(count: number, label: string): void;
}

declare global {
  interface Window {
    trustedTypes?: { createPolicy(name: string, rules: { createHTML(html: string): string }): { createHTML(html: string): string } };
  }
}

// Pages that enforce Trusted Types allow our constant markup by listing the policy "chat-widget".
const policy = window.trustedTypes?.createPolicy('chat-widget', { createHTML: (html) => html });
const html = (markup: string) => (policy ? policy.createHTML(markup) : markup);
const chatIcon = html('<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z"/></svg>');
const closeIcon = html('<b aria-hidden="true">×</b>');

export function drawWidget(settings: WidgetSettings, frameSrc: string): WidgetUi {
  // A custom tag name keeps generic host page rules such as `div { … }` off the host element.
  const host = document.createElement('chat-widget');
  host.id = 'chat-widget-host';
  // Open so browser tests can reach in; style encapsulation is the same either way.
  const root = host.attachShadow({ mode: 'open' });
  // Only constant markup here; values from the server go through properties below.
  root.innerHTML = html(
    `<div hidden><iframe data-testid="frame"></iframe></div>` +
      `<button type="button" data-testid="launcher" aria-describedby="d"><i></i>` +
      `<span data-testid="unread" aria-hidden="true" hidden></span></button><em id="d" hidden></em>`,
  );
  // A constructed stylesheet is not inline style, so host pages need no 'unsafe-inline' for it.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles);
  root.adoptedStyleSheets = [sheet];
  if (CSS.supports('color', settings.color)) host.style.setProperty('--c', settings.color);
  if (settings.position === 'left') host.style.cssText += '--l:20px;--r:auto';

  const panel = root.querySelector('div')!;
  const frame = root.querySelector('iframe')!;
  const launcher = root.querySelector('button')!;
  const icon = root.querySelector('i')!;
  const badge = root.querySelector('span')!;
  const description = root.querySelector('em')!;

  // The frame names the launcher in the visitor's language once it has loaded.
  frame.title = launcher.ariaLabel = settings.name || 'Chat';
  // The frame learns which page embeds it from its referrer, even on pages with a stricter policy.
  frame.referrerPolicy = 'origin';
  frame.src = frameSrc;
  document.body.appendChild(host);

  const ui: WidgetUi = {
    frame,
    launcher,
    showOpen(open) {
      panel.hidden = !open;
      launcher.ariaExpanded = String(open);
      icon.innerHTML = open ? closeIcon : chatIcon;
    },
    showUnread(count, label) {
      badge.hidden = count <= 0;
      badge.textContent = count > 99 ? '99+' : String(count);
      description.textContent = label;
    },
  };
  ui.showOpen(false);
  return ui;
}
