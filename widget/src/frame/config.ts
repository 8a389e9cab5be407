/** Site settings the server puts on <body> of the frame page. */
export interface FrameConfig {
  siteKey: string;
  siteName: string;
  greeting: string;
  color: string;
  /** The pre-chat form needs an email on this site. */
  emailRequired: boolean;
  /** The privacy guard is on: warn before a card number or IBAN is sent. */
  maskPrivateData: boolean;
  /** Agents see what the visitor types before sending; the composer says so. */
  typingPreview: boolean;
  /** A review or referral page offered after a 5-star rating, or null. */
  reviewUrl: string | null;
  /** The site's median first-reply time over the last week in seconds, or null until there are enough chats. */
  typicalReplySeconds: number | null;
}

export function readConfig(body: HTMLElement, search: string): FrameConfig {
  const data = body.dataset;
  return {
    siteKey: data.site || new URLSearchParams(search).get('site') || '',
    siteName: data.siteName || 'Chat',
    greeting: data.greeting || '',
    color: data.color || '',
    emailRequired: data.emailRequired === 'true',
    maskPrivateData: data.maskPrivateData !== 'false',
    typingPreview: data.typingPreview !== 'false',
    reviewUrl: /^https?:\/\//i.test(data.reviewUrl ?? '') ? data.reviewUrl! : null,
    typicalReplySeconds: /^\d+$/.test(data.typicalReply ?? '') ? Number(data.typicalReply) : null,
  };
}
