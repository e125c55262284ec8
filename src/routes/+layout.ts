// The app is a client over the JSON API: everything is fetched in the browser, so no server render.
// Set on the layout, not the page: the error page shares this layout, and a layout that is never
// server-rendered has no server component, so a server-rendered error page would fail (500).
export const ssr = false;
