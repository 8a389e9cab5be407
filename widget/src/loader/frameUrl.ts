// frameUrl may be relative to the chat host; the frame also needs the site key
// even if a server answers with a bare path.
export function resolveFrameUrl(frameUrl: string | undefined, host: string, siteKey: string): URL {
  const url = new URL(frameUrl || '/widget/frame', host);
  if (!url.searchParams.has('site')) url.searchParams.set('site', siteKey);
  return url;
}
