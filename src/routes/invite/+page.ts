// The token lives in the URL fragment, which only the browser sees: nothing to render on the server.
export const ssr = false;
